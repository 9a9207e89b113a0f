// The key list from the SECRET_ENCRYPTION_KEYS Worker secret, like upstream's EncryptionConfiguration
// providers: ordered, the first one writes, every one reads.

/** One entry: an AES-256-GCM key with a name, or `identity` (store plain JSON). */
export type KeySpec = { kind: 'aesgcm'; name: string; secret: Uint8Array } | { kind: 'identity' };

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export class KeyConfigError extends Error {}

/**
 * Parses `name:base64key[,name:base64key...]` (commas or newlines between entries; `identity` may
 * appear as an entry). Every key is 32 bytes (AES-256). An empty text means no encryption.
 */
export function parseKeyList(text: string | undefined): KeySpec[] {
  const entries = (text ?? '').split(/[,\n]/).map((e) => e.trim()).filter(Boolean);
  const out: KeySpec[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry === 'identity') {
      if (seen.has('identity')) throw new KeyConfigError('identity is listed twice');
      seen.add('identity');
      out.push({ kind: 'identity' });
      continue;
    }
    const colon = entry.indexOf(':');
    if (colon < 0) throw new KeyConfigError(`entry ${out.length + 1} is not name:base64key`);
    const name = entry.slice(0, colon);
    if (!NAME.test(name) || name === 'identity') throw new KeyConfigError(`key name ${JSON.stringify(name)} is not valid (letters, digits, '_', '.', '-')`);
    if (seen.has(name)) throw new KeyConfigError(`key name ${name} is listed twice`);
    let secret: Uint8Array;
    try {
      secret = fromBase64(entry.slice(colon + 1));
    } catch {
      throw new KeyConfigError(`key ${name} is not base64`);
    }
    if (secret.length !== 32) throw new KeyConfigError(`key ${name} has ${secret.length} bytes; AES-256-GCM needs 32`);
    seen.add(name);
    out.push({ kind: 'aesgcm', name, secret });
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text.trim());
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
