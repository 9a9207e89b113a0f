// Finds the container engine's socket the way the docker/podman clients do, in their order of precedence.
import { execFile } from 'node:child_process';
import { pingSocket } from './ping';

const WELL_KNOWN = ['/run/podman/podman.sock', '/var/run/docker.sock'];

/** The unix socket path of a `unix://` URL, or null for other schemes (tcp, ssh: not supported here). */
function unixPath(url: string | undefined): string | null {
  if (!url) return null;
  if (url.startsWith('unix://')) return url.slice('unix://'.length);
  return url.startsWith('/') ? url : null;
}

/** Candidate sockets in order: DOCKER_HOST, CONTAINER_HOST, then the well-known paths. */
export function candidateSockets(env: Record<string, string | undefined>): string[] {
  const fromEnv = [unixPath(env.DOCKER_HOST), unixPath(env.CONTAINER_HOST)].filter((p): p is string => p !== null);
  return [...new Set([...fromEnv, ...WELL_KNOWN])];
}

/** The first candidate socket that answers /_ping, or null when none does. */
export async function detectRuntimeSocket(env: Record<string, string | undefined> = process.env): Promise<string | null> {
  for (const socketPath of candidateSockets(env)) {
    if (await pingSocket(socketPath)) return socketPath;
  }
  return null;
}

/** True when the podman binary is on the PATH and runs. */
export function podmanAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('podman', ['--version'], { timeout: 10_000 }, (err) => resolve(!err));
  });
}
