// Writes a volume's files (ConfigMap, Secret, downward API, projected) so a running container sees
// an update all at once, never half-written: the kubelet's AtomicWriter scheme.
//
//   <dir>/..2026_11_26_10_00_00.Ab12Cd/    the files of one version (a timestamped directory)
//   <dir>/..data -> ..2026_11_26_...       swapped by rename(2) of a new symlink: atomic
//   <dir>/<key>  -> ..data/<key>           what the container opens; stable across versions
//
// An unchanged payload writes nothing, so periodic refreshes are cheap and do not churn inotify.
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rename, rm, stat, symlink, unlink, writeFile, chmod } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { relativePathProblem } from './paths';

export interface FileProjection {
  data: Buffer;
  mode: number;
}

/** Relative file path → contents and mode. */
export type Payload = Map<string, FileProjection>;

const DATA = '..data';
const DATA_TMP = '..data_tmp';

function timestampPrefix(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `..${d.getUTCFullYear()}_${p(d.getUTCMonth() + 1)}_${p(d.getUTCDate())}_${p(d.getUTCHours())}_${p(d.getUTCMinutes())}_${p(d.getUTCSeconds())}.`;
}

async function exists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    () => false,
  );
}

/** Every file below `dir` (relative paths) with its contents and permission bits. */
async function readTree(dir: string, prefix = ''): Promise<Payload> {
  const out: Payload = new Map();
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of await readTree(dir, rel)) out.set(k, v);
    else {
      const full = join(dir, rel);
      out.set(rel, { data: await readFile(full), mode: (await stat(full)).mode & 0o777 });
    }
  }
  return out;
}

function samePayload(a: Payload, b: Payload): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || w.mode !== v.mode || !w.data.equals(v.data)) return false;
  }
  return true;
}

const topLevel = (p: Payload) => new Set([...p.keys()].map((k) => k.split('/')[0]));

export interface WriteOptions {
  /** Test seam: runs after the new version is written and before `..data` is swapped to it. */
  beforeSwap?: () => Promise<void>;
  now?: () => Date;
}

/** Writes `payload` into `dir`; resolves true when something changed on disk. Throws on a bad path. */
export async function writeAtomic(dir: string, payload: Payload, opts: WriteOptions = {}): Promise<boolean> {
  for (const p of payload.keys()) {
    const problem = relativePathProblem(p) ?? (p.startsWith('..') ? "must not start with '..'" : p === '' ? 'must not be empty' : undefined);
    if (problem) throw new Error(`invalid path: ${problem}: ${p}`);
  }
  await mkdir(dir, { recursive: true });
  const oldVersion = await readlink(join(dir, DATA)).catch(() => undefined);
  const old = oldVersion ? await readTree(join(dir, oldVersion)).catch(() => undefined) : undefined;
  if (old && samePayload(old, payload)) return false;

  const version = await mkdtemp(join(dir, timestampPrefix((opts.now ?? (() => new Date()))())));
  // mkdtemp makes 0700; containers running as any user must be able to walk the tree.
  await chmod(version, 0o755);
  for (const [rel, f] of payload) {
    const full = join(version, rel);
    await mkdir(dirname(full), { recursive: true, mode: 0o755 });
    await writeFile(full, f.data);
    await chmod(full, f.mode); // explicit: writeFile's mode is filtered by the umask
  }

  await opts.beforeSwap?.();
  const tmp = join(dir, DATA_TMP);
  await rm(tmp, { force: true });
  await symlink(basename(version), tmp);
  await rename(tmp, join(dir, DATA));

  // User-visible names: one symlink per top-level entry, created once and never retargeted.
  const now = topLevel(payload);
  for (const name of now) {
    const link = join(dir, name);
    if (!(await exists(link))) await symlink(join(DATA, name), link);
  }
  if (old) {
    for (const name of topLevel(old)) if (!now.has(name)) await unlink(join(dir, name)).catch(() => undefined);
  }
  if (oldVersion && oldVersion !== basename(version)) await rm(join(dir, oldVersion), { recursive: true, force: true });
  return true;
}
