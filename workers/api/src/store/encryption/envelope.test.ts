import { describe, expect, it } from 'vitest';
import { importKey, keyNameOf, open, PREFIX, seal, TransformError } from './envelope';
import { fromBase64, toBase64 } from './keys';

const bytes = (fill: number) => new Uint8Array(32).fill(fill);
const CTX = '/registry/secrets/default/s1';
const PLAIN = '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s1"},"data":{"password":"aHVudGVyMg=="}}';

describe('aesgcm envelope', () => {
  it('round-trips, with the upstream prefix and key name, and hides the plaintext', async () => {
    const k = await importKey('key1', bytes(1));
    const stored = await seal(k, PLAIN, CTX);
    expect(stored.startsWith(`${PREFIX}key1:`)).toBe(true);
    expect(stored).not.toContain('aHVudGVyMg');
    expect(stored).not.toContain('Secret');
    expect(keyNameOf(stored)).toBe('key1');
    expect(await open(k, stored, CTX)).toBe(PLAIN);
  });

  it('uses a fresh nonce on every write', async () => {
    const k = await importKey('key1', bytes(1));
    const a = await seal(k, PLAIN, CTX);
    const b = await seal(k, PLAIN, CTX);
    expect(a).not.toBe(b);
    const nonce = (s: string) => toBase64(fromBase64(s.slice(`${PREFIX}key1:`.length)).subarray(0, 12));
    expect(nonce(a)).not.toBe(nonce(b));
  });

  it('refuses a different key under the same name', async () => {
    const stored = await seal(await importKey('key1', bytes(1)), PLAIN, CTX);
    await expect(open(await importKey('key1', bytes(2)), stored, CTX)).rejects.toThrow(TransformError);
  });

  it('refuses a value written with another key name', async () => {
    const stored = await seal(await importKey('key1', bytes(1)), PLAIN, CTX);
    await expect(open(await importKey('key2', bytes(1)), stored, CTX)).rejects.toThrow(/written with key key1, not key2/);
  });

  it('refuses a tampered ciphertext', async () => {
    const k = await importKey('key1', bytes(1));
    const stored = await seal(k, PLAIN, CTX);
    const raw = fromBase64(stored.slice(`${PREFIX}key1:`.length));
    raw[raw.length - 20] ^= 1;
    await expect(open(k, `${PREFIX}key1:${toBase64(raw)}`, CTX)).rejects.toThrow(/authentication failed/);
  });

  it('refuses a value moved to another object (the storage key is authenticated)', async () => {
    const k = await importKey('key1', bytes(1));
    const stored = await seal(k, PLAIN, CTX);
    await expect(open(k, stored, '/registry/secrets/default/s2')).rejects.toThrow(/authentication failed/);
  });

  it('parses prefixes: plain JSON has none, a malformed envelope is an error', async () => {
    expect(keyNameOf(PLAIN)).toBeNull();
    expect(() => keyNameOf(`${PREFIX}nocolon`)).toThrow(TransformError);
    const k = await importKey('key1', bytes(1));
    await expect(open(k, `${PREFIX}key1:!!!`, CTX)).rejects.toThrow(/not base64/);
    await expect(open(k, `${PREFIX}key1:${toBase64(new Uint8Array(10))}`, CTX)).rejects.toThrow(/too short/);
  });
});
