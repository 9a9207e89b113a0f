// The ServiceAccount token authenticator (upstream's JWT token authenticator with the legacy-free
// validator): signature with a configured key, iss, exp/nbf/iat with 60 s leeway, an audience the API
// accepts, and the objects the token names must still exist with the same uid (bound-token
// invalidation: a deleted ServiceAccount, pod or secret ends the token). Successes are cached per
// isolate for a few seconds (upstream caches token authentications for 10 s); failures are not.
import { sql } from 'drizzle-orm';
import { audiencesOf, checkTimes, decodeJwt, verifySignature } from '../../../../kube/jwt';
import type { Env } from '../../env';
import type { Db } from '../../store';
import type { UserInfo } from '../user';
import { readPrivateClaims, serviceAccountUserName, type PrivateClaims } from './claims';
import { keySetOf, tokenConfig } from './config';

export const LEEWAY_SECONDS = 60;
/** A pod being deleted keeps its tokens valid this long after its deletionTimestamp, as upstream. */
const DELETED_POD_GRACE_MS = 60_000;
const CACHE_MS = 5_000;
const cache = new Map<string, { user: UserInfo; expires: number }>();

export type SaAuthResult = { ok: true; user: UserInfo; audiences: string[] } | { ok: false; error: string };

/**
 * Authenticates a JWT-shaped bearer token. `audiences` are those the caller accepts (default the API's);
 * the result's audiences are the token's ones among them.
 */
export async function authenticateServiceAccountToken(env: Env, db: Db, token: string, opts: { now?: number; audiences?: string[]; cache?: boolean } = {}): Promise<SaAuthResult> {
  const now = opts.now ?? Date.now();
  const cfg = tokenConfig(env);
  const accepted = opts.audiences?.length ? opts.audiences : cfg.apiAudiences;
  const useCache = opts.cache !== false && !opts.audiences?.length;
  if (useCache) {
    const hit = cache.get(token);
    if (hit && hit.expires > now) return { ok: true, user: hit.user, audiences: accepted };
  }
  const keys = keySetOf(env);
  if (!keys) return { ok: false, error: 'service account tokens are not configured' };
  const jwt = decodeJwt(token);
  if (!jwt) return { ok: false, error: 'token is not a JWT' };
  if (jwt.claims.iss !== cfg.issuer) return { ok: false, error: 'token issuer is not accepted' };
  if (!(await verifySignature(jwt, (await keys).verify))) return { ok: false, error: 'invalid signature' };
  const timeErr = checkTimes(jwt.claims, { now: Math.floor(now / 1000), leeway: LEEWAY_SECONDS });
  if (timeErr) return { ok: false, error: timeErr };
  const auds = audiencesOf(jwt.claims).filter((a) => accepted.includes(a));
  if (!auds.length) return { ok: false, error: 'token audiences are not accepted' };
  const priv = readPrivateClaims(jwt.claims);
  if (typeof priv === 'string') return { ok: false, error: priv };
  const stale = await checkBoundObjects(db, priv, now);
  if (stale) return { ok: false, error: stale };
  const user = userOf(priv, typeof jwt.claims.jti === 'string' ? jwt.claims.jti : undefined);
  if (useCache) {
    if (cache.size > 10_000) cache.clear();
    cache.set(token, { user, expires: Math.min(now + CACHE_MS, (jwt.claims.exp as number) * 1000) });
  }
  return { ok: true, user, audiences: auds };
}

/** The identity a token's claims stand for, with upstream's extra keys. */
export function userOf(p: PrivateClaims, jti?: string): UserInfo {
  const extra: Record<string, string[]> = {};
  if (jti) extra['authentication.kubernetes.io/credential-id'] = [`JTI=${jti}`];
  if (p.pod) {
    extra['authentication.kubernetes.io/pod-name'] = [p.pod.name];
    extra['authentication.kubernetes.io/pod-uid'] = [p.pod.uid];
  }
  if (p.node) {
    extra['authentication.kubernetes.io/node-name'] = [p.node.name];
    extra['authentication.kubernetes.io/node-uid'] = [p.node.uid];
  }
  return {
    name: serviceAccountUserName(p.namespace, p.serviceaccount.name),
    uid: p.serviceaccount.uid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${p.namespace}`, 'system:authenticated'],
    extra,
  };
}

interface Looked {
  saUid: string | null;
  podUid: string | null;
  podDeleting: string | null;
  secretUid: string | null;
}

/** One D1 read for every object the token names; an error text when one is gone or replaced. */
async function checkBoundObjects(db: Db, p: PrivateClaims, now: number): Promise<string | undefined> {
  const ns = p.namespace;
  const uidOf = (resource: string, name: string) =>
    // The uid column, not the body: a Secret's body is encrypted.
    sql`(SELECT uid FROM objects WHERE resource = ${resource} AND namespace = ${ns} AND name = ${name})`;
  const podName = p.pod?.name ?? '';
  const row = await db.get<Looked>(sql`SELECT ${uidOf('serviceaccounts', p.serviceaccount.name)} AS saUid,
    ${p.pod ? uidOf('pods', podName) : sql`NULL`} AS podUid,
    ${p.pod ? sql`(SELECT json_extract(body, '$.metadata.deletionTimestamp') FROM objects WHERE resource = 'pods' AND namespace = ${ns} AND name = ${podName})` : sql`NULL`} AS podDeleting,
    ${p.secret ? uidOf('secrets', p.secret.name) : sql`NULL`} AS secretUid`);
  const sa = `${ns}/${p.serviceaccount.name}`;
  if (!row?.saUid) return `service account ${sa} has been deleted`;
  if (row.saUid !== p.serviceaccount.uid) return `service account UID (${p.serviceaccount.uid}) does not match claim (${row.saUid})`;
  if (p.pod) {
    if (!row.podUid) return `pod ${ns}/${p.pod.name} has been deleted`;
    if (row.podUid !== p.pod.uid) return `pod UID (${row.podUid}) does not match claim (${p.pod.uid})`;
    if (row.podDeleting && Date.parse(row.podDeleting) + DELETED_POD_GRACE_MS < now) return `pod ${ns}/${p.pod.name} is being deleted`;
  }
  if (p.secret) {
    if (!row.secretUid) return `secret ${ns}/${p.secret.name} has been deleted`;
    if (row.secretUid !== p.secret.uid) return `secret UID (${row.secretUid}) does not match claim (${p.secret.uid})`;
  }
  return undefined;
}

/** Drops this isolate's cached successes (tests, key rotation). */
export function forgetServiceAccountTokens(): void {
  cache.clear();
}
