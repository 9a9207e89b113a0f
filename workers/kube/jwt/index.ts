// Compact JWS (RFC 7515) signing and verification with WebCrypto, for ServiceAccount tokens:
// ES256 (P-256) or RS256 keys given as JWK. Pure: no I/O, no clock (callers pass `now`).

export type JwsAlg = 'ES256' | 'RS256';

export interface SigningKey {
  alg: JwsAlg;
  /** Upstream's key id: base64url(SHA-256(DER of the public key, SubjectPublicKeyInfo)). */
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public half as served in the JWKS document. */
  publicJwk: JsonWebKey & { kid: string; alg: JwsAlg; use: 'sig' };
}

export interface VerifyKey {
  alg: JwsAlg;
  kid: string;
  publicKey: CryptoKey;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export function base64UrlEncode(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? enc.encode(data) : data;
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url without padding; undefined when the text is not base64url. */
export function base64UrlDecode(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function algParams(alg: JwsAlg) {
  return alg === 'ES256'
    ? { importAlg: { name: 'ECDSA', namedCurve: 'P-256' }, signAlg: { name: 'ECDSA', hash: 'SHA-256' } }
    : { importAlg: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, signAlg: { name: 'RSASSA-PKCS1-v1_5' } };
}

function algOfJwk(jwk: JsonWebKey): JwsAlg {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  if (jwk.kty === 'RSA') return 'RS256';
  throw new Error(`unsupported signing key: kty ${String(jwk.kty)}${jwk.crv ? ` crv ${jwk.crv}` : ''} (want EC P-256 or RSA)`);
}

function publicPart(jwk: JsonWebKey): JsonWebKey {
  return jwk.kty === 'EC' ? { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y } : { kty: 'RSA', n: jwk.n, e: jwk.e };
}

async function keyId(publicKey: CryptoKey): Promise<string> {
  const der = new Uint8Array((await crypto.subtle.exportKey('spki', publicKey)) as ArrayBuffer);
  return base64UrlEncode(new Uint8Array(await crypto.subtle.digest('SHA-256', der)));
}

/** Imports a private JWK (JSON text or object) as a signing key with its public half and key id. */
export async function importSigningKey(jwkInput: string | JsonWebKey): Promise<SigningKey> {
  const jwk = (typeof jwkInput === 'string' ? JSON.parse(jwkInput) : jwkInput) as JsonWebKey;
  if (!jwk.d) throw new Error('the signing key has no private part (d)');
  const alg = algOfJwk(jwk);
  const { importAlg } = algParams(alg);
  const priv = { ...jwk };
  delete priv.alg;
  delete priv.key_ops;
  delete priv.use;
  const privateKey = await crypto.subtle.importKey('jwk', priv, importAlg, false, ['sign']);
  const pub = publicPart(jwk);
  const publicKey = await crypto.subtle.importKey('jwk', pub, importAlg, true, ['verify']);
  const kid = await keyId(publicKey);
  return { alg, kid, privateKey, publicKey, publicJwk: { ...pub, kid, alg, use: 'sig' } };
}

/** Imports a public JWK for verification (e.g. a previous key kept during rotation). */
export async function importVerifyKey(jwk: JsonWebKey): Promise<VerifyKey> {
  const alg = algOfJwk(jwk);
  const publicKey = await crypto.subtle.importKey('jwk', publicPart(jwk), algParams(alg).importAlg, true, ['verify']);
  return { alg, kid: await keyId(publicKey), publicKey };
}

/** Generates a fresh ES256 key pair and returns its private JWK (for tooling and tests). */
export async function generateSigningJwk(): Promise<JsonWebKey> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  return (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
}

/** Signs `claims` as a compact JWS with header {alg, kid} (no `typ`, as upstream's tokens). */
export async function signJwt(key: Pick<SigningKey, 'alg' | 'kid' | 'privateKey'>, claims: object): Promise<string> {
  const input = `${base64UrlEncode(JSON.stringify({ alg: key.alg, kid: key.kid }))}.${base64UrlEncode(JSON.stringify(claims))}`;
  const sig = await crypto.subtle.sign(algParams(key.alg).signAlg, key.privateKey, enc.encode(input));
  return `${input}.${base64UrlEncode(new Uint8Array(sig as ArrayBuffer))}`;
}

export interface DecodedJwt {
  header: { alg?: unknown; kid?: unknown; [k: string]: unknown };
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Uint8Array;
}

/** Splits and parses a compact JWS without verifying it; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts;
  const hb = base64UrlDecode(h);
  const pb = base64UrlDecode(p);
  const sb = base64UrlDecode(s);
  if (!hb || !pb || !sb) return undefined;
  try {
    const header = JSON.parse(dec.decode(hb)) as unknown;
    const claims = JSON.parse(dec.decode(pb)) as unknown;
    if (!isObject(header) || !isObject(claims)) return undefined;
    return { header, claims, signingInput: `${h}.${p}`, signature: sb };
  } catch {
    return undefined;
  }
}

/** Whether a bearer token looks like a compact JWS (so JWT authenticators should look at it). */
export function looksLikeJwt(token: string): boolean {
  return /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

/** Verifies the signature with the key named by `kid` (or any key when absent); true when one matches. */
export async function verifySignature(jwt: DecodedJwt, keys: VerifyKey[]): Promise<boolean> {
  const alg = jwt.header.alg;
  const kid = typeof jwt.header.kid === 'string' ? jwt.header.kid : undefined;
  for (const k of keys) {
    if (k.alg !== alg) continue;
    if (kid !== undefined && kid !== k.kid) continue;
    const ok = await crypto.subtle.verify(algParams(k.alg).signAlg, k.publicKey, jwt.signature, enc.encode(jwt.signingInput));
    if (ok) return true;
  }
  return false;
}

export interface TimeCheck {
  /** Seconds since the epoch. */
  now: number;
  /** Allowed clock skew in seconds (upstream: 60). */
  leeway: number;
}

/** Checks exp/nbf/iat as go-jose's Validate does; an error text, or undefined when valid. */
export function checkTimes(claims: Record<string, unknown>, t: TimeCheck): string | undefined {
  const exp = claims.exp;
  const nbf = claims.nbf;
  const iat = claims.iat;
  if (typeof exp !== 'number') return 'service account token has no expiration';
  if (t.now - t.leeway > exp) return 'service account token has expired';
  if (typeof nbf === 'number' && t.now + t.leeway < nbf) return 'service account token is not valid yet';
  if (typeof iat === 'number' && t.now + t.leeway < iat) return 'service account token is issued in the future';
  return undefined;
}

/** The token's audiences (a string or a list of strings). */
export function audiencesOf(claims: Record<string, unknown>): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string');
  return [];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
