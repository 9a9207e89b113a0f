// Admin bearer tokens for the local stack: the token lives in a 0600 file, only its hash in D1.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { D1Database } from '@cloudflare/workers-types';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function ensureTokenFile(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const token = newToken();
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  return token;
}

export async function registerToken(db: D1Database, token: string, user: string, groups: string[], description: string): Promise<void> {
  const hash = createHash('sha256').update(token).digest('hex');
  await db
    .prepare('INSERT INTO tokens (hash, user, uid, groups, expires_at, description, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?) ON CONFLICT(hash) DO NOTHING')
    .bind(hash, user, randomUUID(), JSON.stringify(groups), description, Date.now())
    .run();
}
