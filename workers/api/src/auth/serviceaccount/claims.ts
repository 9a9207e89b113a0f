// The claims of a bound ServiceAccount token, as upstream's serviceaccount.Claims builds them, and the
// reading of them back. Pure.

export interface Ref {
  name: string;
  uid: string;
}

export interface TokenSubject {
  namespace: string;
  serviceAccount: Ref;
  pod?: Ref;
  secret?: Ref;
  node?: Ref;
}

export interface PrivateClaims {
  namespace: string;
  serviceaccount: Ref;
  pod?: Ref;
  secret?: Ref;
  node?: Ref;
}

export interface TokenClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  'kubernetes.io': PrivateClaims;
}

export const SA_PREFIX = 'system:serviceaccount:';

export function serviceAccountUserName(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** Claims for a token issued at `now` (seconds) for `expirationSeconds`. */
export function buildClaims(s: TokenSubject, o: { issuer: string; audiences: string[]; now: number; expirationSeconds: number; jti: string }): TokenClaims {
  const priv: PrivateClaims = { namespace: s.namespace, serviceaccount: { name: s.serviceAccount.name, uid: s.serviceAccount.uid } };
  if (s.pod) priv.pod = { name: s.pod.name, uid: s.pod.uid };
  if (s.secret) priv.secret = { name: s.secret.name, uid: s.secret.uid };
  if (s.node) priv.node = { name: s.node.name, uid: s.node.uid };
  return {
    aud: [...o.audiences],
    exp: o.now + o.expirationSeconds,
    iat: o.now,
    iss: o.issuer,
    jti: o.jti,
    'kubernetes.io': priv,
    nbf: o.now,
    sub: serviceAccountUserName(s.namespace, s.serviceAccount.name),
  };
}

const isRef = (v: unknown): v is Ref => typeof v === 'object' && v !== null && typeof (v as Ref).name === 'string' && typeof (v as Ref).uid === 'string';

/** Reads the private claims of a verified token; an error text when they are not a bound SA token's. */
export function readPrivateClaims(claims: Record<string, unknown>): PrivateClaims | string {
  const k = claims['kubernetes.io'];
  if (typeof k !== 'object' || k === null) return 'token has no kubernetes.io claims';
  const p = k as Record<string, unknown>;
  if (typeof p.namespace !== 'string' || !isRef(p.serviceaccount)) return 'token has invalid kubernetes.io claims';
  const out: PrivateClaims = { namespace: p.namespace, serviceaccount: p.serviceaccount };
  for (const f of ['pod', 'secret', 'node'] as const) {
    if (p[f] === undefined) continue;
    if (!isRef(p[f])) return `token has an invalid ${f} claim`;
    out[f] = p[f];
  }
  if (claims.sub !== serviceAccountUserName(out.namespace, out.serviceaccount.name)) return 'token subject does not match its service account';
  return out;
}
