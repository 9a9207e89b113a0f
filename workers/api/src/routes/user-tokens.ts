// User bearer tokens, managed by operators (issue: identities):
//   POST   /apis/kubeflare.dev/v1/usertokens        {"user": "alice", "groups": ["devs"], "expirationSeconds": 86400}
//          → 201 {id, user, groups, expirationTimestamp, token}   (the token is shown once; only its SHA-256 is kept)
//   GET    /apis/kubeflare.dev/v1/usertokens        → the tokens (id, user, groups, expiry, description; never secrets)
//   DELETE /apis/kubeflare.dev/v1/usertokens/{id}   → revokes one
// Authorized by RBAC as verbs create/list/delete on `usertokens` in kubeflare.dev (cluster-admin has them).
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { badRequest, invalid, notFound } from '../../../kube/status';
import type { AppEnv } from '../app-env';
import { requireAllowed } from '../auth/authorizer';
import { rbacAuthorizer } from '../auth/rbac';
import { forgetUser, sha256Hex } from '../auth/tokens';
import { decodeJson, readBodyText } from '../request/body';

export const userTokenRoutes = new Hono<AppEnv>();

const GROUP = 'kubeflare.dev';
const BASE = `/apis/${GROUP}/v1/usertokens`;
/** Identities only the system itself issues (nodes, service accounts, bootstrap tokens). */
const RESERVED = /^system:(node:|serviceaccount:|bootstrap:|kube-|anonymous$)/;
const request = z.strictObject({
  user: z.string(),
  groups: z.array(z.string()).optional(),
  expirationSeconds: z.number().int().optional(),
  description: z.string().max(256).optional(),
});

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The public handle of a token: a prefix of its hash (enough to name it, useless to authenticate). */
const idOf = (hash: string) => hash.slice(0, 16);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z'));
const authorize = (c: { var: AppEnv['Variables'] }, verb: string, name?: string) =>
  requireAllowed(rbacAuthorizer(c.var.db), { user: c.var.user, verb, group: GROUP, version: 'v1', resource: 'usertokens', name });

userTokenRoutes.post(BASE, async (c) => {
  await authorize(c, 'create');
  const parsed = request.safeParse(decodeJson(await readBodyText(c.req.raw)));
  if (!parsed.success) throw badRequest(`the request body must be {"user": string, "groups"?: [string], "expirationSeconds"?: int, "description"?: string}: ${parsed.error.issues[0]?.message ?? ''}`);
  const { user, groups = [], expirationSeconds, description } = parsed.data;
  const causes: { reason: string; field: string; message: string }[] = [];
  if (user.trim() === '' || user.length > 253) causes.push({ reason: 'FieldValueInvalid', field: 'user', message: 'must be 1-253 characters' });
  if (RESERVED.test(user)) causes.push({ reason: 'FieldValueForbidden', field: 'user', message: 'is reserved for identities the system issues' });
  if (groups.some((g) => g.trim() === '')) causes.push({ reason: 'FieldValueInvalid', field: 'groups', message: 'must not contain empty names' });
  if (expirationSeconds !== undefined && (expirationSeconds < 600 || expirationSeconds > 366 * 86400)) {
    causes.push({ reason: 'FieldValueInvalid', field: 'expirationSeconds', message: 'must be between 600 and 31622400 (one year), or absent for no expiry' });
  }
  if (causes.length) throw invalid('UserToken', GROUP, user, causes);
  const token = newToken();
  const hash = await sha256Hex(token);
  const now = Date.now();
  const expiresAt = expirationSeconds === undefined ? null : now + expirationSeconds * 1000;
  await c.var.db.run(sql`INSERT INTO tokens (hash, user, uid, groups, expires_at, description, created_at)
    VALUES (${hash}, ${user}, ${crypto.randomUUID()}, ${JSON.stringify(groups)}, ${expiresAt}, ${description ?? `user token, issued by ${c.var.user.name}`}, ${now})`);
  return c.json({ kind: 'UserToken', apiVersion: `${GROUP}/v1`, id: idOf(hash), user, groups, expirationTimestamp: iso(expiresAt), token }, 201);
});

userTokenRoutes.get(BASE, async (c) => {
  await authorize(c, 'list');
  const rows = await c.var.db.all<{ hash: string; user: string; groups: string; expiresAt: number | null; description: string | null; createdAt: number }>(
    sql`SELECT hash, user, groups, expires_at AS expiresAt, description, created_at AS createdAt FROM tokens ORDER BY created_at`,
  );
  const items = rows
    .filter((r) => !RESERVED.test(r.user))
    .map((r) => ({ id: idOf(r.hash), user: r.user, groups: JSON.parse(r.groups) as string[], expirationTimestamp: iso(r.expiresAt), description: r.description, creationTimestamp: iso(r.createdAt) }));
  return c.json({ kind: 'UserTokenList', apiVersion: `${GROUP}/v1`, items });
});

userTokenRoutes.delete(`${BASE}/:id`, async (c) => {
  const id = c.req.param('id');
  await authorize(c, 'delete', id);
  if (!/^[0-9a-f]{16}$/.test(id)) throw badRequest('a token id is 16 hexadecimal characters (see GET usertokens)');
  const row = await c.var.db.get<{ hash: string; user: string }>(sql`SELECT hash, user FROM tokens WHERE substr(hash, 1, 16) = ${id}`);
  if (!row || RESERVED.test(row.user)) throw notFound({ resource: 'usertokens', group: GROUP }, id);
  await c.var.db.run(sql`DELETE FROM tokens WHERE hash = ${row.hash}`);
  // Other isolates may keep accepting it for up to the token cache's lifetime (10 s).
  forgetUser(row.user);
  return c.json({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200, details: { name: id, group: GROUP, kind: 'usertokens' } });
});
