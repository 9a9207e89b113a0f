import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseKeyList } from '../workers/api/src/store/encryption/keys';
import { ENCRYPTION_KEYS_FILE, ensureEncryptionKeys } from './encryption-keys';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('local Secret encryption keys', () => {
  it('are made once, owner-only, as a key list the api worker accepts', () => {
    dir = mkdtempSync(join(tmpdir(), 'kf-keys-'));
    const keys = ensureEncryptionKeys(join(dir, 'pki'));
    const file = join(dir, 'pki', ENCRYPTION_KEYS_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(keys);
    const specs = parseKeyList(keys);
    expect(specs).toHaveLength(1);
    expect(specs[0].kind === 'aesgcm' && specs[0].secret.length).toBe(32);
    expect(ensureEncryptionKeys(join(dir, 'pki'))).toBe(keys);
  });
});
