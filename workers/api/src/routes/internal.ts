// Internal endpoints for the control plane's own components (scheduler, controllers), which follow the
// change log the way informers follow a watch, but pull it on a poke or alarm instead of holding a
// stream open (Durable Objects sleep between events).
//   GET  /apis/kubeflare.dev/v1/changes?resource=<store key>[,<store key>...]&after=<rev>&limit=<n>
//   POST /apis/kubeflare.dev/v1/subscriptions  {"resource": "pods", "binding": "SCHEDULER", "name": "default", "minGapMs": 0}
//   POST /apis/kubeflare.dev/v1/bindings       many pods/binding in one request (handlers/binding/batch.ts)
//   POST /apis/kubeflare.dev/v1/events         many core/v1 Event creates in one request (handlers/events/batch.ts)
import { Hono } from 'hono';
import { badRequest, expired, forbidden } from '../../../kube/status';
import type { AppEnv } from '../app-env';
import type { UserInfo } from '../auth/user';
import { readBodyText, decodeJson } from '../request/body';
import { readChangesNow } from '../store';
import { type BatchCtx, handleBindingBatch } from '../handlers/binding/batch';
import { handleEventBatch } from '../handlers/events/batch';
import { withNodeAuthorizer } from '../auth/node-authorizer';
import { rbacAuthorizer } from '../auth/rbac';
import { auditedAuthorizer } from '../audit';

export const internalRoutes = new Hono<AppEnv>();
const PREFIX = '/apis/kubeflare.dev/v1';
const SUBSCRIBERS = new Set(['SCHEDULER', 'CONTROLLERS']);

function requireComponent(user: UserInfo) {
  if (user.groups.includes('system:masters') || user.name === 'system:kube-scheduler' || user.name === 'system:kube-controller-manager') return;
  throw forbidden(`forbidden: User "${user.name}" cannot use the control plane's internal endpoints`);
}

/** A subscriber's pokes may be spaced at most this far (its fallback poll runs every 5 s). */
const MAX_POKE_GAP_MS = 5_000;
/** Resources one feed read may cover. */
const MAX_FEED_RESOURCES = 8;

internalRoutes.get(`${PREFIX}/changes`, async (c) => {
  requireComponent(c.var.user);
  const q = new URL(c.req.url).searchParams;
  // One resource, or several separated by commas (read together, in revision order, from one snapshot).
  const resources = (q.get('resource') ?? '').split(',');
  const after = Number(q.get('after') ?? '');
  const limit = Math.min(Number(q.get('limit') ?? '500') || 500, 5000);
  if (resources.length > MAX_FEED_RESOURCES) throw badRequest(`at most ${MAX_FEED_RESOURCES} resources may be read at once`);
  if (!resources.every((r) => /^[a-z0-9.-]*\/?[a-z0-9-]+$/.test(r))) throw badRequest('resource must be a store key such as "pods" or "apps/deployments", or a comma-separated list of them');
  if (!Number.isInteger(after) || after < 0) throw badRequest('after must be a non-negative integer revision');
  // The revision the reader was poked for: it needs the changes through it, not necessarily newer ones.
  const atLeastParam = q.get('atLeast');
  const atLeast = atLeastParam === null ? undefined : Number(atLeastParam);
  if (atLeast !== undefined && (atLeastParam === '' || !Number.isInteger(atLeast) || atLeast < 0)) throw badRequest('atLeast must be a non-negative integer revision');
  const db = c.var.db;
  // One snapshot: every revision up to `current` has committed, so "nothing after `after` up to
  // `current`" is a fact the client may advance its cursor on; rows compacted away show as after < compacted.
  // With atLeast, `current` may be older than D1's newest revision, but never older than atLeast.
  const { current, compacted, rows } = await readChangesNow(db, { resources: [...new Set(resources)], after, limit, atLeast });
  if (after < compacted) throw expired(`too old resource version: ${after} (${compacted + 1})`);
  const items = rows.map((r) => `{"type":"${r.type}","resource":"${r.resource}","revision":${r.revision},"object":${r.json}}`);
  const last = rows.length === limit ? rows[rows.length - 1].revision : Math.max(after, current);
  const body = `{"kind":"ChangeList","apiVersion":"kubeflare.dev/v1","metadata":{"resourceVersion":"${last}","more":${rows.length === limit}},"items":[${items.join(',')}]}`;
  return new Response(body, { headers: { 'Content-Type': 'application/json' } });
});

internalRoutes.post(`${PREFIX}/subscriptions`, async (c) => {
  requireComponent(c.var.user);
  const body = decodeJson(await readBodyText(c.req.raw)) as { resource?: unknown; binding?: unknown; name?: unknown; minGapMs?: unknown };
  if (typeof body.resource !== 'string' || typeof body.binding !== 'string' || typeof body.name !== 'string') throw badRequest('resource, binding and name are required strings');
  const minGapMs = body.minGapMs ?? 0;
  if (typeof minGapMs !== 'number' || !Number.isInteger(minGapMs) || minGapMs < 0 || minGapMs > MAX_POKE_GAP_MS) throw badRequest(`minGapMs must be an integer from 0 to ${MAX_POKE_GAP_MS}`);
  if (!SUBSCRIBERS.has(body.binding)) throw badRequest(`binding must be one of ${[...SUBSCRIBERS].join(', ')}`);
  const stub = c.env.WATCH.get(c.env.WATCH.idFromName(body.resource));
  await stub.subscribe({ binding: body.binding, name: body.name, minGapMs }, body.resource);
  return c.json({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }, 201);
});

// Authorized per item as the single requests would be (not by requireComponent): whoever may bind a pod
// or create an event may do it here.
for (const [path, handle] of [
  ['bindings', handleBindingBatch],
  ['events', handleEventBatch],
] as const) {
  internalRoutes.post(`${PREFIX}/${path}`, async (c) => {
    const body = decodeJson(await readBodyText(c.req.raw));
    const db = c.var.db;
    const authorizer = auditedAuthorizer(withNodeAuthorizer(db, rbacAuthorizer(db)), c.req.raw);
    const base: BatchCtx = { env: c.env, exec: c.executionCtx, db, request: c.req.raw, query: new URL(c.req.url).searchParams, user: c.var.user };
    return handle(base, authorizer, body);
  });
}
