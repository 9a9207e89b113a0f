// hostPath type checks, with the upstream plugin's rules and error texts. "" (the default) checks
// nothing; the *OrCreate types create a missing directory (0755) or file (0644, parent must exist).
import { mkdir, open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';

const statOrNull = (p: string): Promise<Stats | null> => stat(p).catch(() => null);

export async function checkHostPath(path: string, type: string | undefined): Promise<void> {
  const t = type ?? '';
  if (t === '') return;
  const st = await statOrNull(path);
  const fail = (what: string) => new Error(`hostPath type check failed: ${path} is not ${what}`);
  switch (t) {
    case 'DirectoryOrCreate':
      if (!st) {
        await mkdir(path, { recursive: true, mode: 0o755 });
        return;
      }
    // falls through: an existing path must be a directory
    case 'Directory':
      if (!st?.isDirectory()) throw fail('a directory');
      return;
    case 'FileOrCreate':
      if (!st) {
        const fh = await open(path, 'a', 0o644);
        await fh.close();
        return;
      }
    // falls through: an existing path must be a file
    case 'File':
      if (!st?.isFile()) throw fail('a file');
      return;
    case 'Socket':
      if (!st?.isSocket()) throw fail('a socket file');
      return;
    case 'CharDevice':
      if (!st?.isCharacterDevice()) throw fail('a character device');
      return;
    case 'BlockDevice':
      if (!st?.isBlockDevice()) throw fail('a block device');
      return;
    default:
      throw new Error(`${t} is an invalid volume type`);
  }
}
