// Images without a registry: our busybox rootfs imported through the Docker API under a local tag.
// `import` (POST /images/create?fromSrc=-) takes Dockerfile-like `changes`, so Cmd and Env are set there.
import { Readable } from 'node:stream';
import Docker from 'dockerode';
import { busyboxRootfs } from './rootfs';
import { tarArchive } from './tar';
import { readProgress } from './progress';

export type LocalImageKind = 'busybox' | 'pause';

export const BUSYBOX_IMAGE = 'localhost/kubeflare/busybox:latest';
export const PAUSE_IMAGE = 'localhost/kubeflare/pause:latest';

/**
 * The pause process: sleeps until SIGTERM/SIGINT and then exits 0 at once. `wait` returns as soon as a
 * trapped signal arrives (a plain `sleep` in the foreground would delay the trap until it ends).
 */
export const PAUSE_COMMAND = ['/bin/sh', '-c', 'trap "exit 0" TERM INT; while :; do sleep 86400 & wait $!; done'];

const CHANGES: Record<LocalImageKind, string[]> = {
  busybox: ['ENV PATH=/bin', 'CMD ["sh"]'],
  pause: ['ENV PATH=/bin', `CMD ${JSON.stringify(PAUSE_COMMAND)}`],
};

export interface EnsureImageOptions {
  kind: LocalImageKind;
  /** Defaults to BUSYBOX_IMAGE / PAUSE_IMAGE. */
  tag?: string;
}

// One build at a time per (engine, tag) in this process, so concurrent sandboxes do not import twice.
const inFlight = new Map<string, Promise<string>>();

/** Returns the image id; builds and imports the image only when the tag is missing. */
export async function ensureLocalImage(target: Docker | string, opts: EnsureImageOptions): Promise<string> {
  const docker = typeof target === 'string' ? new Docker({ socketPath: target }) : target;
  const ref = opts.tag ?? (opts.kind === 'pause' ? PAUSE_IMAGE : BUSYBOX_IMAGE);
  const key = `${(docker.modem as { socketPath?: string }).socketPath ?? ''}|${ref}`;
  const running = inFlight.get(key);
  if (running) return running;
  const job = ensure(docker, ref, opts.kind).finally(() => inFlight.delete(key));
  inFlight.set(key, job);
  return job;
}

async function ensure(docker: Docker, ref: string, kind: LocalImageKind): Promise<string> {
  const existing = await inspectId(docker, ref);
  if (existing) return existing;
  const archive = tarArchive(await busyboxRootfs());
  // The tag goes inside `repo`: podman ignores a separate `tag` on import (Docker accepts both forms).
  const stream = (await docker.importImage(Readable.from([archive]), {
    repo: ref,
    changes: CHANGES[kind],
  } as object)) as unknown as Readable;
  await readProgress(stream);
  const id = await inspectId(docker, ref);
  if (!id) throw new Error(`imported ${ref} but the engine does not list it`);
  return id;
}

async function inspectId(docker: Docker, ref: string): Promise<string | null> {
  try {
    return (await docker.getImage(ref).inspect()).Id;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}
