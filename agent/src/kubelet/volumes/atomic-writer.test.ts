import { mkdtemp, readFile, readdir, readlink, rm, stat, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeAtomic, type Payload } from './atomic-writer';

const file = (s: string, mode = 0o644) => ({ data: Buffer.from(s), mode });
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aw-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const versions = async () => (await readdir(dir)).filter((n) => n.startsWith('..2'));

describe('writeAtomic', () => {
  it('writes files behind ..data and per-name symlinks, with modes', async () => {
    const changed = await writeAtomic(dir, new Map([['a', file('A', 0o600)], ['sub/b', file('B')]]));
    expect(changed).toBe(true);
    expect(await readFile(join(dir, 'a'), 'utf8')).toBe('A');
    expect(await readFile(join(dir, 'sub/b'), 'utf8')).toBe('B');
    expect(await readlink(join(dir, 'a'))).toBe('..data/a');
    expect(await readlink(join(dir, 'sub'))).toBe('..data/sub');
    expect((await readlink(join(dir, '..data'))).startsWith('..20')).toBe(true);
    expect((await stat(join(dir, 'a'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'sub/b'))).mode & 0o777).toBe(0o644);
  });

  it('does not rewrite an unchanged payload', async () => {
    const p: Payload = new Map([['a', file('A')]]);
    await writeAtomic(dir, p);
    const before = await readlink(join(dir, '..data'));
    expect(await writeAtomic(dir, new Map([['a', file('A')]]))).toBe(false);
    expect(await readlink(join(dir, '..data'))).toBe(before);
  });

  it('rewrites when only a mode changes', async () => {
    await writeAtomic(dir, new Map([['a', file('A', 0o644)]]));
    expect(await writeAtomic(dir, new Map([['a', file('A', 0o400)]]))).toBe(true);
    expect((await stat(join(dir, 'a'))).mode & 0o777).toBe(0o400);
  });

  it('keeps the old contents readable until the ..data swap, then shows the new ones in place', async () => {
    await writeAtomic(dir, new Map([['a', file('old')], ['gone', file('x')]]));
    const oldVersion = await readlink(join(dir, '..data'));
    let seenDuring = '';
    let versionsDuring = 0;
    await writeAtomic(dir, new Map([['a', file('new')]]), {
      beforeSwap: async () => {
        seenDuring = await readFile(join(dir, 'a'), 'utf8');
        versionsDuring = (await versions()).length;
      },
    });
    expect(seenDuring).toBe('old');
    expect(versionsDuring).toBe(2);
    expect(await readFile(join(dir, 'a'), 'utf8')).toBe('new');
    // The old version and names that left the payload are removed after the swap.
    expect(await versions()).toEqual([await readlink(join(dir, '..data'))]);
    expect(await versions()).not.toContain(oldVersion);
    await expect(lstat(join(dir, 'gone'))).rejects.toThrow();
  });

  it.each(['/abs', '../up', 'a/../b', '..hidden'])('rejects the path %s', async (p) => {
    await expect(writeAtomic(dir, new Map([[p, file('x')]]))).rejects.toThrow(/invalid path/);
  });
});
