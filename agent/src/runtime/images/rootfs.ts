// The rootfs of our busybox images: Debian's static busybox plus a symlink per applet, and the few files
// a container expects (passwd/group for `runAsUser` names, a world-writable /tmp, a web root for httpd).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { TarEntry } from './tar';

/** Where busybox-static installs its binary on Debian. */
export const BUSYBOX_CANDIDATES = ['/bin/busybox', '/usr/bin/busybox'];

function listApplets(busybox: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(busybox, ['--list'], (err, stdout) => {
      if (err) reject(new Error(`cannot list the applets of ${busybox}: ${err.message}`));
      else resolve(stdout.split('\n').filter((a) => a && a !== 'busybox' && !a.includes('/')));
    });
  });
}

async function readBusybox(): Promise<{ path: string; data: Buffer }> {
  for (const path of BUSYBOX_CANDIDATES) {
    try {
      return { path, data: await readFile(path) };
    } catch {
      // try the next
    }
  }
  throw new Error(`no busybox binary at ${BUSYBOX_CANDIDATES.join(' or ')}: install it with apt-get install -y busybox-static`);
}

export async function busyboxRootfs(): Promise<TarEntry[]> {
  const busybox = await readBusybox();
  const applets = await listApplets(busybox.path);
  const text = (s: string) => Buffer.from(s);
  return [
    ...['bin', 'dev', 'etc', 'proc', 'root', 'sys', 'usr', 'var', 'var/www'].map((path): TarEntry => ({ type: 'dir', path })),
    { type: 'dir', path: 'tmp', mode: 0o1777 },
    { type: 'symlink', path: 'sbin', target: 'bin' },
    { type: 'symlink', path: 'usr/bin', target: '../bin' },
    { type: 'symlink', path: 'usr/sbin', target: '../bin' },
    { type: 'file', path: 'bin/busybox', data: busybox.data, mode: 0o755 },
    ...applets.map((a): TarEntry => ({ type: 'symlink', path: `bin/${a}`, target: 'busybox' })),
    { type: 'file', path: 'etc/passwd', data: text('root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n') },
    { type: 'file', path: 'etc/group', data: text('root:x:0:\nnobody:x:65534:\n') },
  ];
}
