// Bootstrap tokens as kubeadm defines them: a Secret `kube-system/bootstrap-token-<id>` of type
// bootstrap.kubernetes.io/token holds the secret half; the bearer token is `<id>.<secret>`.
// Pure checks here (upstream: plugin/pkg/auth/authenticator/token/bootstrap); the lookup is lookup.ts.
import type { UserInfo } from '../user';
import { constantTimeEqual } from '../../limits/constant-time';

export const BOOTSTRAP_TOKEN_TYPE = 'bootstrap.kubernetes.io/token';
export const BOOTSTRAP_TOKEN_NAMESPACE = 'kube-system';
export const BOOTSTRAP_TOKEN_PREFIX = 'bootstrap-token-';
export const BOOTSTRAPPERS_GROUP = 'system:bootstrappers';
export const BOOTSTRAP_USER_PREFIX = 'system:bootstrap:';

const TOKEN_RE = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
/** Extra groups must stay inside system:bootstrappers:*, as upstream enforces. */
const EXTRA_GROUP_RE = /^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$/;

export interface ParsedBootstrapToken {
  id: string;
  secret: string;
}

/** `<id>.<secret>` → its halves; null for any other shape (an ordinary hashed token). */
export function parseBootstrapToken(token: string): ParsedBootstrapToken | null {
  const m = TOKEN_RE.exec(token);
  return m ? { id: m[1], secret: m[2] } : null;
}

export const bootstrapSecretName = (id: string) => `${BOOTSTRAP_TOKEN_PREFIX}${id}`;

/** The fields of a bootstrap-token Secret, as stored (base64 in `data`). */
export interface BootstrapSecret {
  type?: string;
  metadata?: { deletionTimestamp?: string };
  data?: Record<string, string>;
}

export interface BootstrapDecision {
  user: UserInfo | null;
  /** Why it was refused, for diagnostics; never returned (upstream answers a bare 401). */
  reason?: string;
  /** Unix ms when the token stops working (so a cached decision does not outlive it). */
  expiresAt?: number;
}

function decode(data: Record<string, string> | undefined, key: string): string | undefined {
  const v = data?.[key];
  if (v === undefined) return undefined;
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(v), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** Compares without an early exit (limits/constant-time), re-exported for this module's callers. */
export { constantTimeEqual };

const refuse = (reason: string): BootstrapDecision => ({ user: null, reason });

/** Decides whether `token` matches `secret` at `now`; the checks and their order follow upstream. */
export function checkBootstrapToken(token: ParsedBootstrapToken, secret: BootstrapSecret | null, now: number): BootstrapDecision {
  if (!secret) return refuse('no token secret');
  if (secret.metadata?.deletionTimestamp) return refuse('token secret is being deleted');
  if (secret.type !== BOOTSTRAP_TOKEN_TYPE) return refuse(`token secret has type ${secret.type}`);
  const storedSecret = decode(secret.data, 'token-secret') ?? '';
  if (!constantTimeEqual(storedSecret, token.secret)) return refuse('token secret does not match');
  if (decode(secret.data, 'token-id') !== token.id) return refuse('token id does not match');
  const expiration = decode(secret.data, 'expiration');
  let expiresAt: number | undefined;
  if (expiration !== undefined) {
    expiresAt = Date.parse(expiration);
    if (Number.isNaN(expiresAt)) return refuse('expiration is not RFC 3339');
    if (expiresAt <= now) return refuse('token has expired');
  }
  if (decode(secret.data, 'usage-bootstrap-authentication') !== 'true') return refuse('token is not for authentication');
  const extra = (decode(secret.data, 'auth-extra-groups') ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  const bad = extra.find((g) => !EXTRA_GROUP_RE.test(g));
  if (bad) return refuse(`auth-extra-groups has a group outside system:bootstrappers: ${bad}`);
  const groups = [...new Set([BOOTSTRAPPERS_GROUP, ...extra, 'system:authenticated'])];
  return { user: { name: `${BOOTSTRAP_USER_PREFIX}${token.id}`, uid: '', groups }, expiresAt };
}
