// exec and attach: a hijacked connection carries stdin up and multiplexed stdout/stderr down. Ending
// `stdin` half-closes the connection, which the engine turns into EOF on the process's stdin.
import { Writable, type Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { ExecOptions, ExecSession } from '../types';
import { demux, passRaw } from './demux';
import { hijack } from './hijack';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The API version every engine here speaks (podman serves 1.41; Docker accepts older versions). */
const API = '/v1.41';
const flag = (b: boolean) => (b ? '1' : '0');

function socketPathOf(docker: Docker): string {
  const socketPath = (docker.modem as { socketPath?: string }).socketPath;
  if (!socketPath) throw new Error('attach needs a unix socket connection to the engine');
  return socketPath;
}

/** A plain request through dockerode's modem; resize gets its own because podman answers it with 201. */
function dial<T>(docker: Docker, d: { path: string; method: 'POST' | 'GET'; query: Record<string, unknown> }): Promise<T> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `${d.path}?`,
        method: d.method,
        options: { _query: d.query, _body: {} },
        statusCodes: { 200: true, 201: true, 204: true, 404: 'no such container or exec', 409: 'conflict', 500: 'server error' },
      },
      (err, data) => (err ? reject(err) : resolve(data as T)),
    );
  });
}

/** A Writable that forwards to the connection and half-closes it on end(). */
function stdinOf(conn: Duplex): Writable {
  return new Writable({
    write(chunk, _enc, cb) {
      if (conn.writableEnded || conn.destroyed) return cb();
      conn.write(chunk, cb);
    },
    final(cb) {
      if (!conn.writableEnded && !conn.destroyed) conn.end();
      cb();
    },
  });
}

/** The exec's exit code: the stream can end a moment before the engine records it, so poll briefly. */
async function execExitCode(exec: Docker.Exec): Promise<number> {
  for (let i = 0; ; i++) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null && info.ExitCode !== undefined) return info.ExitCode;
    if (i > 200) throw new Error(`exec ${exec.id} did not report an exit code`);
    await sleep(25);
  }
}

export async function startExec(docker: Docker, id: string, opts: ExecOptions): Promise<ExecSession> {
  const exec = await docker.getContainer(id).exec({
    Cmd: opts.cmd,
    AttachStdin: opts.stdin,
    AttachStdout: opts.stdout,
    AttachStderr: opts.stderr,
    Tty: opts.tty,
  });
  const conn = (await exec.start({ hijack: true, stdin: opts.stdin, Detach: false, Tty: opts.tty })) as unknown as Duplex;
  const out = opts.tty ? passRaw(conn) : demux(conn);
  const exitCode = out.done.then(() => execExitCode(exec));
  exitCode.catch(() => undefined); // callers that never read it must not see an unhandled rejection
  return {
    stdin: opts.stdin ? stdinOf(conn) : undefined,
    stdout: out.stdout,
    stderr: out.stderr,
    resize: async (cols, rows) => {
      await dial(docker, { path: `/exec/${exec.id}/resize`, method: 'POST', query: { w: cols, h: rows } });
    },
    exitCode,
    close: () => conn.destroy(),
  };
}

export async function startAttach(
  docker: Docker,
  id: string,
  opts: { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean },
): Promise<ExecSession> {
  const container = docker.getContainer(id);
  const query = new URLSearchParams({ stream: '1', stdin: flag(opts.stdin), stdout: flag(opts.stdout), stderr: flag(opts.stderr) });
  const conn = await hijack(socketPathOf(docker), `${API}/containers/${encodeURIComponent(id)}/attach?${query}`);
  const waiter = new AbortController();
  const exitCode = container
    .wait({ condition: 'not-running', abortSignal: waiter.signal } as object)
    .then((r: { StatusCode: number }) => r.StatusCode);
  exitCode.catch(() => undefined);
  const out = opts.tty ? passRaw(conn) : demux(conn);
  return {
    stdin: opts.stdin ? stdinOf(conn) : undefined,
    stdout: out.stdout,
    stderr: out.stderr,
    resize: async (cols, rows) => {
      await dial(docker, { path: `/containers/${id}/resize`, method: 'POST', query: { w: cols, h: rows } });
    },
    exitCode,
    close: () => {
      conn.destroy();
      waiter.abort();
    },
  };
}
