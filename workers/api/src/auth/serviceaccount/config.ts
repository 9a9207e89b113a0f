// ServiceAccount token configuration, read from the worker's variables: the signing key (a private JWK
// held as a Worker secret, never in D1), the issuer, the API's audiences and the expiration cap.
import { importSigningKey, importVerifyKey, type SigningKey, type VerifyKey } from '../../../../kube/jwt';
import { StatusError } from '../../../../kube/status';
import type { Env } from '../../env';

export const DEFAULT_ISSUER = 'https://kubernetes.default.svc.cluster.local';

export interface ServiceAccountTokenConfig {
  issuer: string;
  /** Audiences the API accepts; also the default audiences of a TokenRequest (upstream --api-audiences). */
  apiAudiences: string[];
  /** Explicit jwks_uri for the discovery document; else `<request origin>/openid/v1/jwks`. */
  jwksUri?: string;
  /** Upstream --service-account-max-token-expiration (unset: only the 2^32 s validation bound). */
  maxExpirationSeconds?: number;
}

export function tokenConfig(env: Env): ServiceAccountTokenConfig {
  const issuer = env.SERVICE_ACCOUNT_ISSUER || DEFAULT_ISSUER;
  const auds = (env.SERVICE_ACCOUNT_API_AUDIENCES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const max = Number(env.SERVICE_ACCOUNT_MAX_TOKEN_EXPIRATION_SECONDS);
  return {
    issuer,
    apiAudiences: auds.length ? auds : [issuer],
    jwksUri: env.SERVICE_ACCOUNT_JWKS_URI || undefined,
    maxExpirationSeconds: Number.isFinite(max) && max > 0 ? max : undefined,
  };
}

export interface KeySet {
  signing: SigningKey;
  /** The signing key's public half first, then extra verification keys (rotation). */
  verify: VerifyKey[];
}

let cached: { text: string; extra: string; keys: Promise<KeySet> } | undefined;

/** The imported keys (once per isolate per configuration); undefined when no signing key is configured. */
export function keySetOf(env: Env): Promise<KeySet> | undefined {
  const text = env.SERVICE_ACCOUNT_SIGNING_KEY;
  if (!text) return undefined;
  const extra = env.SERVICE_ACCOUNT_VERIFY_KEYS ?? '';
  if (cached?.text !== text || cached.extra !== extra) {
    const keys = (async () => {
      const signing = await importSigningKey(text);
      const others = extra ? ((JSON.parse(extra) as { keys?: JsonWebKey[] }).keys ?? []) : [];
      const verify: VerifyKey[] = [signing, ...(await Promise.all(others.map((k) => importVerifyKey(k))))];
      return { signing, verify };
    })();
    keys.catch(() => {
      if (cached?.keys === keys) cached = undefined;
    });
    cached = { text, extra, keys };
  }
  return cached.keys;
}

/** The keys, or a 500 naming the missing secret (TokenRequest cannot work without one). */
export async function requireKeySet(env: Env): Promise<KeySet> {
  const keys = keySetOf(env);
  if (!keys) throw new StatusError(500, 'InternalError', 'Internal error occurred: no service account signing key is configured (SERVICE_ACCOUNT_SIGNING_KEY)');
  return keys;
}
