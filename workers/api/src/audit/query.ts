// Reading the audit log (admins only):
//   GET /apis/audit.kubeflare.dev/v1/events?user=&verb=&resource=&namespace=&name=&code=&since=&limit=
// answers an audit.k8s.io/v1 EventList, oldest first, of the newest `limit` matching events. `resource` is
// "pods", "pods/log" or "deployments.apps"; `since` is RFC 3339 or a duration ("15m", "2h", "7d").
// Authorized as verb list on resource "events" in API group audit.kubeflare.dev, which only cluster-admin
// (every resource of every group) holds by default. Not a non-resource URL: every authenticated user may
// get /apis/* (system:discovery), which would match it.
import { Hono } from 'hono';
import { sql, type SQL } from 'drizzle-orm';
import { badRequest } from '../../../kube/status';
import type { AppEnv } from '../app-env';
import { requireAllowed } from '../auth/authorizer';
import { rbacAuthorizer } from '../auth/rbac';
import { auditedAuthorizer } from './record';
import { auditSink } from './sink';
import { auditDb } from './config';

export const AUDIT_EVENTS_PATH = '/apis/audit.kubeflare.dev/v1/events';
const MAX_LIMIT = 5000;
const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const auditRoutes = new Hono<AppEnv>();

auditRoutes.get(AUDIT_EVENTS_PATH, async (c) => {
  await requireAllowed(auditedAuthorizer(rbacAuthorizer(c.var.db), c.req.raw), { user: c.var.user, verb: 'list', group: 'audit.kubeflare.dev', version: 'v1', resource: 'events' });
  const q = new URL(c.req.url).searchParams;
  const where = filtersOf(q, Date.now());
  const limitText = q.get('limit') ?? '500';
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1) throw badRequest('limit must be a positive integer');
  // This isolate's queued events first, so a reader sees what it just did.
  const db = auditDb(c.env, c.var.db);
  await auditSink.flush(db);
  const rows = await db.all<{ event: string }>(
    sql`SELECT event FROM (SELECT id, event FROM audit_events ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``} ORDER BY id DESC LIMIT ${Math.min(limit, MAX_LIMIT)}) ORDER BY id`,
  );
  const body = `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[${rows.map((r) => r.event).join(',')}]}`;
  return new Response(body, { headers: { 'Content-Type': 'application/json' } });
});

export function filtersOf(q: URLSearchParams, now: number): SQL[] {
  const where: SQL[] = [];
  const eq = (param: string, column: SQL) => {
    const v = q.get(param);
    if (v !== null && v !== '') where.push(sql`${column} = ${v}`);
  };
  eq('user', sql`user`);
  eq('verb', sql`verb`);
  eq('namespace', sql`namespace`);
  eq('name', sql`name`);
  eq('auditID', sql`audit_id`);
  const resource = q.get('resource');
  if (resource) {
    const dot = resource.indexOf('.');
    if (dot < 0) where.push(sql`resource = ${resource}`);
    else where.push(sql`resource = ${resource.slice(0, dot)} AND api_group = ${resource.slice(dot + 1)}`);
  }
  const code = q.get('code');
  if (code) {
    if (!/^\d{3}$/.test(code)) throw badRequest('code must be an HTTP status code');
    where.push(sql`code = ${Number(code)}`);
  }
  const since = q.get('since');
  if (since) where.push(sql`ts >= ${sinceMs(since, now)}`);
  return where;
}

function sinceMs(text: string, now: number): number {
  const d = /^(\d+)([smhd])$/.exec(text);
  if (d) return now - Number(d[1]) * UNITS[d[2]];
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw badRequest(`since must be RFC 3339 or a duration such as 15m: ${JSON.stringify(text)}`);
  return t;
}
