import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeMemoryDir } from '.';

const scratch: string[] = [];
afterEach(() => {
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'memory-dir-test-'));
  scratch.push(d);
  return d;
};

describe('makeMemoryDir', () => {
  it('uses /dev/shm when it is a writable tmpfs, and removes the directory on remove()', () => {
    const dir = makeMemoryDir(tempDir());
    if (existsSync('/dev/shm')) {
      expect(dir.inMemory).toBe(true);
      expect(dir.path.startsWith('/dev/shm/kubeflare-')).toBe(true);
    }
    writeFileSync(join(dir.path, 'db.sqlite'), 'x');
    dir.remove();
    expect(existsSync(dir.path)).toBe(false);
    dir.remove(); // twice is harmless
  });

  it('falls back to the given directory when the root is not tmpfs', () => {
    const fallback = join(tempDir(), 'ephemeral');
    const dir = makeMemoryDir(fallback, tempDir()); // a directory on the project's disk is not tmpfs
    expect(dir.inMemory).toBe(false);
    expect(dir.path.startsWith(join(fallback, `kubeflare-${process.pid}-`))).toBe(true);
    dir.remove();
    expect(existsSync(dir.path)).toBe(false);
  });

  it('falls back when the root does not exist', () => {
    const fallback = tempDir();
    const dir = makeMemoryDir(fallback, join(fallback, 'no-such-dir'));
    expect(dir.inMemory).toBe(false);
    dir.remove();
  });

  it.runIf(existsSync('/dev/shm'))('removes directories left by processes that no longer exist, and keeps live ones', () => {
    // PID 2^22 + 1 is above Linux's pid_max limit, so no process has it.
    const orphan = join('/dev/shm', 'kubeflare-4194305-test');
    const live = join('/dev/shm', `kubeflare-${process.pid}-livetest`);
    mkdirSync(orphan, { recursive: true });
    mkdirSync(live, { recursive: true });
    scratch.push(orphan, live);
    const dir = makeMemoryDir(tempDir());
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(live)).toBe(true);
    dir.remove();
  });
});
