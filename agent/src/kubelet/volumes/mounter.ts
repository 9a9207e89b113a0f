// The one host mount the volume manager makes: a tmpfs for emptyDir medium Memory, mounted on the
// volume's host directory so every container of the pod shares it (a per-container tmpfs would
// not be shared). Needs root; without it the manager falls back to a plain directory.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Mounter {
  mountTmpfs(dir: string, sizeBytes?: number): Promise<void>;
  unmount(dir: string): Promise<void>;
  /** Mount points at or below `dir`, from the kernel's table (so mounts survive an agent restart). */
  mountsUnder(dir: string): Promise<string[]>;
}

/** Octal escapes (\040 for a space) as /proc/self/mountinfo writes them. */
const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

/** Mount points (field 5 of each mountinfo line) at or below `dir`. */
export function mountPointsUnder(mountinfo: string, dir: string): string[] {
  const base = dir.replace(/\/+$/, '');
  return mountinfo
    .split('\n')
    .map((line) => unescape(line.split(' ')[4] ?? ''))
    .filter((p) => p === base || p.startsWith(base + '/'));
}

export function hostMounter(): Mounter {
  return {
    async mountTmpfs(dir, sizeBytes) {
      const args = ['-t', 'tmpfs'];
      if (sizeBytes && sizeBytes > 0) args.push('-o', `size=${sizeBytes}`);
      await run('mount', [...args, 'tmpfs', dir]);
    },
    async unmount(dir) {
      await run('umount', [dir]);
    },
    async mountsUnder(dir) {
      return mountPointsUnder(await readFile('/proc/self/mountinfo', 'utf8').catch(() => ''), dir);
    },
  };
}

/** The host mounter when running as root, else none (plain directories). */
export function defaultMounter(): Mounter | null {
  return process.getuid?.() === 0 ? hostMounter() : null;
}
