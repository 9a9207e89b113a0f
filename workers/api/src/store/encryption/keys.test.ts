import { describe, expect, it } from 'vitest';
import { parseKeyList, toBase64 } from './keys';

const b64 = (n: number, fill = 7) => toBase64(new Uint8Array(n).fill(fill));

describe('SECRET_ENCRYPTION_KEYS', () => {
  it('keeps the order: the first entry writes', () => {
    const specs = parseKeyList(`key2:${b64(32, 2)}, key1:${b64(32, 1)}\nidentity`);
    expect(specs.map((s) => (s.kind === 'identity' ? 'identity' : s.name))).toEqual(['key2', 'key1', 'identity']);
    expect(specs[0].kind === 'aesgcm' && specs[0].secret[0]).toBe(2);
  });

  it('is empty (no encryption) when unset or blank', () => {
    expect(parseKeyList(undefined)).toEqual([]);
    expect(parseKeyList(' \n ')).toEqual([]);
  });

  it.each([
    ['a 16-byte key', `k:${b64(16)}`, /16 bytes/],
    ['no name', b64(32), /not name:base64key/],
    ['a bad name', `k y:${b64(32)}`, /not valid/],
    ['a name listed twice', `k:${b64(32)},k:${b64(32)}`, /twice/],
    ['identity as a key name', `identity:${b64(32)}`, /not valid/],
    ['not base64', 'k:***', /not base64/],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseKeyList(text)).toThrow(message);
  });
});
