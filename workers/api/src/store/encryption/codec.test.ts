import { describe, expect, it } from 'vitest';
import { StatusError } from '../../../../kube/status';
import { SecretCodec } from './codec';
import { PREFIX } from './envelope';
import { toBase64 } from './keys';

const key = (name: string, fill: number) => `${name}:${toBase64(new Uint8Array(32).fill(fill))}`;
const PLAIN = '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"stringData":{"token":"open-sesame"}}';

describe('SecretCodec', () => {
  it('encrypts Secrets only', async () => {
    const c = new SecretCodec(key('key1', 1));
    expect(await c.seal('configmaps', 'ns', 's', PLAIN)).toBe(PLAIN);
    expect(await c.seal('example.com/secrets', 'ns', 's', PLAIN)).toBe(PLAIN);
    const stored = await c.seal('secrets', 'ns', 's', PLAIN);
    expect(stored.startsWith(`${PREFIX}key1:`)).toBe(true);
    expect(await c.open('secrets', 'ns', 's', stored)).toEqual({ json: PLAIN, stale: false });
  });

  it('reads plain JSON written before encryption was enabled (identity), as stale', async () => {
    expect(await new SecretCodec(key('key1', 1)).open('secrets', 'ns', 's', PLAIN)).toEqual({ json: PLAIN, stale: true });
    expect(await new SecretCodec(undefined).open('secrets', 'ns', 's', PLAIN)).toEqual({ json: PLAIN, stale: false });
  });

  it('writes plain JSON with no keys or identity first, and still reads the keys listed after it', async () => {
    const stored = await new SecretCodec(key('key1', 1)).seal('secrets', 'ns', 's', PLAIN);
    expect(await new SecretCodec(undefined).seal('secrets', 'ns', 's', PLAIN)).toBe(PLAIN);
    const identityFirst = new SecretCodec(`identity,${key('key1', 1)}`);
    expect(await identityFirst.seal('secrets', 'ns', 's', PLAIN)).toBe(PLAIN);
    expect(await identityFirst.open('secrets', 'ns', 's', stored)).toEqual({ json: PLAIN, stale: true });
  });

  it('rotation: a new first key reads the old key as stale and writes with the new one', async () => {
    const old = await new SecretCodec(key('key1', 1)).seal('secrets', 'ns', 's', PLAIN);
    const rotated = new SecretCodec(`${key('key2', 2)},${key('key1', 1)}`);
    expect(await rotated.open('secrets', 'ns', 's', old)).toEqual({ json: PLAIN, stale: true });
    expect((await rotated.seal('secrets', 'ns', 's', PLAIN)).startsWith(`${PREFIX}key2:`)).toBe(true);
  });

  it('a value under a key no longer listed is an InternalError Status naming the object', async () => {
    const old = await new SecretCodec(key('key1', 1)).seal('secrets', 'ns', 's', PLAIN);
    const err = await new SecretCodec(key('key2', 2)).open('secrets', 'ns', 's', old).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).code).toBe(500);
    expect((err as StatusError).reason).toBe('InternalError');
    expect((err as StatusError).message).toContain('unable to transform key "/registry/secrets/ns/s": no key named key1');
  });

  it('a malformed key list is an InternalError on Secrets only', async () => {
    const c = new SecretCodec('key1:short');
    expect(await c.seal('configmaps', 'ns', 's', PLAIN)).toBe(PLAIN);
    await expect(c.seal('secrets', 'ns', 's', PLAIN)).rejects.toThrow(/SECRET_ENCRYPTION_KEYS is not valid/);
  });
});
