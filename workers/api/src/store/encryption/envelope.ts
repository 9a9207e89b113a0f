// The stored form of an encrypted value, as upstream's aesgcm provider writes it:
// `k8s:enc:aesgcm:v1:<keyName>:` then the nonce and the ciphertext (with its tag). D1's body column is
// TEXT, so nonce + ciphertext are base64 here where upstream writes raw bytes into etcd.
import { fromBase64, toBase64 } from './keys';

export const PREFIX = 'k8s:enc:aesgcm:v1:';
const NONCE_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class TransformError extends Error {}

/** A named AES-GCM key, imported once. */
export interface NamedKey {
  name: string;
  key: CryptoKey;
}

export async function importKey(name: string, secret: Uint8Array): Promise<NamedKey> {
  const key = await crypto.subtle.importKey('raw', secret, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  return { name, key };
}

/**
 * Encrypts with a fresh random nonce every time. `context` (the object's storage key) is authenticated
 * data, so a value copied to another object's row does not decrypt there (upstream does the same).
 */
export async function seal(k: NamedKey, plaintext: string, context: string): Promise<string> {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: encoder.encode(context) }, k.key, encoder.encode(plaintext)));
  const out = new Uint8Array(NONCE_BYTES + sealed.length);
  out.set(nonce);
  out.set(sealed, NONCE_BYTES);
  return `${PREFIX}${k.name}:${toBase64(out)}`;
}

/** The key name of an encrypted value, or null for a value not in this envelope (plain JSON). */
export function keyNameOf(stored: string): string | null {
  if (!stored.startsWith(PREFIX)) return null;
  const end = stored.indexOf(':', PREFIX.length);
  if (end < 0) throw new TransformError('malformed envelope: no key name');
  return stored.slice(PREFIX.length, end);
}

/** Decrypts a value written by `seal` with the same key and context; throws TransformError otherwise. */
export async function open(k: NamedKey, stored: string, context: string): Promise<string> {
  const name = keyNameOf(stored);
  if (name !== k.name) throw new TransformError(`value was written with key ${name ?? '(none)'}, not ${k.name}`);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(stored.slice(PREFIX.length + name.length + 1));
  } catch {
    throw new TransformError('malformed envelope: payload is not base64');
  }
  if (bytes.length < NONCE_BYTES + 16) throw new TransformError('malformed envelope: payload too short');
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, NONCE_BYTES), additionalData: encoder.encode(context) }, k.key, bytes.subarray(NONCE_BYTES));
  } catch {
    throw new TransformError('cipher: message authentication failed');
  }
  return decoder.decode(plain);
}
