// Where a stack that does not persist keeps its D1 and Durable Object files: a fresh directory on
// tmpfs (/dev/shm) when the machine has one. Miniflare's own "not persisted" storage is SQLite files in
// its temporary directory, on the project's disk: every commit then paid for WAL writes and an fsync on
// ext4 and sometimes waited for page writeback on the workerd thread (the API benchmark's etcd runs on
// tmpfs too). Directories are named after the owning process, so ones left by a killed process are
// removed by the next start.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';

const PREFIX = 'kubeflare-';
/** statfs(2) f_type of tmpfs. */
const TMPFS_MAGIC = 0x01021994;

export interface MemoryDir {
  path: string;
  /** True when `path` is on tmpfs (else it is under the fallback directory). */
  inMemory: boolean;
  remove(): void;
}

/** A new private directory under `root` (default /dev/shm) if that is a writable tmpfs, else under `fallback`. */
export function makeMemoryDir(fallback: string, root = '/dev/shm'): MemoryDir {
  const inMemory = isTmpfs(root);
  const parent = inMemory ? root : fallback;
  mkdirSync(parent, { recursive: true });
  if (inMemory) removeOrphans(root);
  const path = mkdtempSync(join(parent, `${PREFIX}${process.pid}-`));
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    rmSync(path, { recursive: true, force: true });
  };
  process.on('exit', remove);
  return { path, inMemory, remove };
}

function isTmpfs(dir: string): boolean {
  try {
    return existsSync(dir) && statfsSync(dir).type === TMPFS_MAGIC && canWrite(dir);
  } catch {
    return false;
  }
}

function canWrite(dir: string): boolean {
  try {
    rmSync(mkdtempSync(join(dir, `${PREFIX}probe-`)), { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}

/** Directories of processes that no longer exist (killed before they could clean up). */
function removeOrphans(root: string) {
  for (const name of readdirSync(root)) {
    const pid = Number(/^kubeflare-(\d+)-/.exec(name)?.[1]);
    if (!pid || alive(pid)) continue;
    rmSync(join(root, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
