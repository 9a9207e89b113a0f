// The ustar writer, checked by the system tar reading what it wrote.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { busyboxRootfs } from './rootfs';
import { tarArchive } from './tar';

const dir = mkdtempSync(join(tmpdir(), 'kf-tar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tarArchive', () => {
  it('writes directories, files with modes and symlinks that tar extracts as such', () => {
    const archive = tarArchive([
      { type: 'dir', path: 'bin' },
      { type: 'dir', path: 'tmp', mode: 0o1777 },
      { type: 'file', path: 'bin/tool', data: Buffer.from('#!/bin/sh\necho hi\n'), mode: 0o755 },
      { type: 'file', path: 'etc-motd', data: Buffer.alloc(1000, 'x') },
      { type: 'symlink', path: 'bin/alias', target: 'tool' },
    ]);
    expect(archive.length % 512).toBe(0);
    const file = join(dir, 'a.tar');
    writeFileSync(file, archive);
    const out = join(dir, 'out');
    execFileSync('mkdir', ['-p', out]);
    execFileSync('tar', ['-xf', file, '-C', out]);
    expect(readFileSync(join(out, 'bin/tool'), 'utf8')).toBe('#!/bin/sh\necho hi\n');
    expect(statSync(join(out, 'bin/tool')).mode & 0o777).toBe(0o755);
    expect(statSync(join(out, 'tmp')).mode & 0o7777).toBe(0o1777);
    expect(readFileSync(join(out, 'etc-motd')).length).toBe(1000);
    expect(readlinkSync(join(out, 'bin/alias'))).toBe('tool');
  });

  it('refuses a path too long for a ustar name field', () => {
    expect(() => tarArchive([{ type: 'dir', path: 'a'.repeat(120) }])).toThrow(/path too long/);
  });
});

describe('busyboxRootfs', () => {
  it('has busybox, a symlink per applet and the files a container expects', async () => {
    const entries = await busyboxRootfs();
    const byPath = new Map(entries.map((e) => [e.path, e]));
    expect(byPath.get('bin/busybox')?.type).toBe('file');
    for (const applet of ['sh', 'sleep', 'httpd', 'wget', 'cat']) expect(byPath.get(`bin/${applet}`)).toEqual({ type: 'symlink', path: `bin/${applet}`, target: 'busybox' });
    expect(byPath.get('etc/passwd')?.type).toBe('file');
    expect(byPath.get('tmp')).toEqual({ type: 'dir', path: 'tmp', mode: 0o1777 });
  });
});
