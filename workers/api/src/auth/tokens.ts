// Bearer-token authentication: tokens are stored as SHA-256 hex, looked up once and cached briefly per
// isolate (a revoked token stops working within CACHE_MS). Tokens shaped like kubeadm's bootstrap
// tokens (`<id>.<secret>`) are checked against their Secret instead (auth/bootstrap).
import { sql } from 'drizzle-orm';
import type { Db } from '../store';
import { authenticateBootstrapToken, parseBootstrapToken } from './bootstrap';
import type { UserInfo } from './user';
import { constantTimeEqual } from '../limits/constant-time';

const CACHE_MS = 10_000;
const cache = new Map<string, { user: UserInfo | null; expires: number }>();

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function authenticateToken(db: Db, token: string, now = Date.now()): Promise<UserInfo | null> {
  // Keyed by the token itself (it is in this isolate's memory for the request anyway): no hashing on a hit.
  const hit = cache.get(token);
  if (hit && hit.expires > now) return hit.user;
  const bootstrap = parseBootstrapToken(token);
  if (bootstrap) {
    const d = await authenticateBootstrapToken(db, bootstrap, now);
    remember(token, d.user, Math.min(now + CACHE_MS, d.expiresAt ?? Infinity));
    return d.user;
  }
  const hash = await sha256Hex(token);
  // Found by a 64-bit prefix of the hash (an index range scan) and then compared in full in constant
  // time, so no comparison's timing depends on how much of the hash matched.
  const prefix = hash.slice(0, 16);
  const rows = await db.all<{ hash: string; user: string; uid: string; groups: string; expiresAt: number | null }>(
    sql`SELECT hash, user, uid, groups, expires_at AS expiresAt FROM tokens WHERE hash >= ${prefix} AND hash < ${`${prefix}g`}`,
  );
  let row: (typeof rows)[number] | undefined;
  for (const r of rows) if (constantTimeEqual(r.hash, hash)) row = r;
  let user: UserInfo | null = null;
  if (row && (row.expiresAt === null || row.expiresAt > now)) {
    const groups = JSON.parse(row.groups) as string[];
    if (!groups.includes('system:authenticated')) groups.push('system:authenticated');
    user = { name: row.user, uid: row.uid, groups };
  }
  remember(token, user, now + CACHE_MS);
  return user;
}

function remember(token: string, user: UserInfo | null, expires: number) {
  if (cache.size > 10_000) cache.clear();
  cache.set(token, { user, expires });
}

/** Drops this isolate's cached decisions for a user (after its tokens were revoked here). */
export function forgetUser(name: string): void {
  for (const [token, entry] of cache) if (entry.user?.name === name) cache.delete(token);
}

/** Extracts the bearer token; undefined when absent or malformed. */
export function bearerToken(header: string | null): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}
