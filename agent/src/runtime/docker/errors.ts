// Docker API errors as the runtime contract needs them: 404 means "gone" (often not an error), 304 means
// "already in that state", and a dead socket gets a message that says what to do about it.
export function statusCode(err: unknown): number | undefined {
  return (err as { statusCode?: number } | null)?.statusCode;
}

// podman 4.3 answers 500 "... does not exist in database: no such container" for a container removed while
// it was being inspected (a race with a concurrent remove), where Docker answers 404.
export const isNotFound = (err: unknown) => statusCode(err) === 404 || (statusCode(err) === 500 && /no such container/i.test(engineMessage(err)));
export const isNotModified = (err: unknown) => statusCode(err) === 304;

// podman 4.3 answers 500 "read /proc/N/cgroup: no such process" to an inspect that runs while the
// container's process exits: the state is changing, and asking again a moment later gets it.
export const isExitRace = (err: unknown) => statusCode(err) === 500 && /\/proc\/\d+\/\S*: no such process/i.test(engineMessage(err));

const CONNECTION_CODES = new Set(['ENOENT', 'ECONNREFUSED', 'EACCES', 'ECONNRESET', 'EPIPE']);

/** True for a failure to reach the engine at all (as opposed to an API error). */
export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code !== undefined && CONNECTION_CODES.has(code) && statusCode(err) === undefined;
}

export function unreachable(socketPath: string, err: unknown): Error {
  const code = (err as { code?: string }).code;
  return new Error(
    `no container engine answers on ${socketPath} (${code}): start one with ` +
      `\`podman system service --time=0 unix://${socketPath}\` (or point DOCKER_HOST at a Docker socket)`,
    { cause: err },
  );
}

/** The engine's own message for an API error (dockerode puts the body in `json`). */
export function engineMessage(err: unknown): string {
  const e = err as { json?: { message?: string }; reason?: string; message?: string };
  return e.json?.message ?? e.message ?? String(err);
}
