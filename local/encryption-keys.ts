// The Secret encryption key list of the local stack: made once under the state dir (0600) and handed to
// the api worker as SECRET_ENCRYPTION_KEYS (on Cloudflare: a Worker secret), never written to D1.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ENCRYPTION_KEYS_FILE = 'secret-encryption-keys';

/** A new entry for the key list: `name:base64(32 random bytes)`. */
export function newEncryptionKey(name: string): string {
  return `${name}:${randomBytes(32).toString('base64')}`;
}

/**
 * The key list in `dir`, created with one key on first start. To rotate, put a new key first in the
 * file, restart, rewrite every Secret (docs/decisions.md), then drop the old key.
 */
export function ensureEncryptionKeys(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, ENCRYPTION_KEYS_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const keys = newEncryptionKey(`key-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`);
  writeFileSync(file, `${keys}\n`, { mode: 0o600 });
  return keys;
}
