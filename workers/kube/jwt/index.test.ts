import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { audiencesOf, base64UrlDecode, base64UrlEncode, checkTimes, decodeJwt, generateSigningJwk, importSigningKey, importVerifyKey, looksLikeJwt, signJwt, verifySignature } from '.';

const rsaJwk = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as JsonWebKey;

describe('base64url', () => {
  it('round-trips bytes without padding', () => {
    for (const n of [0, 1, 2, 3, 4, 31]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 250) % 256);
      const text = base64UrlEncode(bytes);
      expect(text).not.toMatch(/[=+/]/);
      expect([...base64UrlDecode(text)!]).toEqual([...bytes]);
    }
  });
  it('refuses text that is not base64url', () => {
    expect(base64UrlDecode('a+b')).toBeUndefined();
    expect(base64UrlDecode('abcde')).toBeUndefined();
  });
});

describe.each([
  ['ES256', async () => generateSigningJwk()],
  ['RS256', async () => rsaJwk()],
])('%s tokens', (alg, makeJwk) => {
  it('sign → decode → verify, with upstream-style kid and header', async () => {
    const key = await importSigningKey(JSON.stringify(await makeJwk()));
    expect(key.alg).toBe(alg);
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const token = await signJwt(key, { sub: 'x', aud: ['a'] });
    expect(looksLikeJwt(token)).toBe(true);
    const jwt = decodeJwt(token)!;
    expect(jwt.header).toEqual({ alg, kid: key.kid });
    expect(jwt.claims).toEqual({ sub: 'x', aud: ['a'] });
    expect(await verifySignature(jwt, [key])).toBe(true);
    expect(key.publicJwk).not.toHaveProperty('d');
    const viaPublic = await importVerifyKey(key.publicJwk);
    expect(viaPublic.kid).toBe(key.kid);
    expect(await verifySignature(jwt, [viaPublic])).toBe(true);
  });

  it('rejects another key, a changed payload and a wrong kid', async () => {
    const key = await importSigningKey(await makeJwk());
    const other = await importSigningKey(await makeJwk());
    const token = await signJwt(key, { sub: 'x' });
    expect(await verifySignature(decodeJwt(token)!, [other])).toBe(false);
    const [h, , s] = token.split('.');
    expect(await verifySignature(decodeJwt(`${h}.${base64UrlEncode('{"sub":"y"}')}.${s}`)!, [key])).toBe(false);
    const renamed = decodeJwt(token)!;
    renamed.header.kid = other.kid;
    expect(await verifySignature(renamed, [key])).toBe(false);
  });
});

describe('claims checks', () => {
  it('exp, nbf and iat with leeway', () => {
    const c = { exp: 1000, nbf: 400, iat: 400 };
    expect(checkTimes(c, { now: 1000, leeway: 60 })).toBeUndefined();
    expect(checkTimes(c, { now: 1060, leeway: 60 })).toBeUndefined();
    expect(checkTimes(c, { now: 1061, leeway: 60 })).toBe('service account token has expired');
    expect(checkTimes(c, { now: 339, leeway: 60 })).toBe('service account token is not valid yet');
    expect(checkTimes({ exp: 1000, iat: 500 }, { now: 400, leeway: 60 })).toBe('service account token is issued in the future');
    expect(checkTimes({}, { now: 0, leeway: 60 })).toBe('service account token has no expiration');
  });
  it('audiences as a string or a list', () => {
    expect(audiencesOf({ aud: 'a' })).toEqual(['a']);
    expect(audiencesOf({ aud: ['a', 1, 'b'] })).toEqual(['a', 'b']);
    expect(audiencesOf({})).toEqual([]);
  });
  it('decodeJwt refuses what is not a compact JWS', () => {
    expect(decodeJwt('a.b')).toBeUndefined();
    expect(decodeJwt(`${base64UrlEncode('[]')}.${base64UrlEncode('{}')}.x`)).toBeUndefined();
    expect(looksLikeJwt('abcdef.0123456789abcdef')).toBe(false);
  });
  it('importSigningKey refuses a public key', async () => {
    const key = await importSigningKey(await generateSigningJwk());
    await expect(importSigningKey(key.publicJwk)).rejects.toThrow('no private part');
  });
});
