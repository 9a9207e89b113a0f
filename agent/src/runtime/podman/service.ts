// Starts `podman system service` on a socket in a directory of ours, with the containers.conf this machine
// needs. The service is detached (its own process group, output to a log file) so containers and the
// service outlive the process that started it; stop() signals exactly that PID.
import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONTAINERS_CONF } from './containers-conf';
import { pingSocket } from './ping';

export interface PodmanService {
  socketPath: string;
  pid: number;
  /** SIGTERM to the service's PID (never by name); resolves once it has exited. */
  stop(): Promise<void>;
}

export interface StartPodmanOptions {
  dir: string;
  /** How long to wait for /_ping (default 30 s: the first start migrates storage). */
  readyTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function logTail(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(-2_000);
  } catch {
    return '';
  }
}

export async function startPodmanService(opts: StartPodmanOptions): Promise<PodmanService> {
  // Absolute: the service runs in this directory (below), and the caller dials the same socket path.
  const dir = resolve(opts.dir);
  mkdirSync(dir, { recursive: true });
  const confPath = join(dir, 'containers.conf');
  const logPath = join(dir, 'podman-service.log');
  const socketPath = join(dir, 'podman.sock');
  writeFileSync(confPath, CONTAINERS_CONF);

  const log = openSync(logPath, 'a');
  const child = spawn('podman', ['system', 'service', '--time=0', `unix://${socketPath}`], {
    env: { ...process.env, CONTAINERS_CONF: confPath },
    // conmon writes a file named `oom` into its working directory when a container is OOM-killed: keep
    // that out of wherever the agent (or a test run) was started.
    cwd: dir,
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  let exited = false;
  child.once('exit', () => (exited = true));
  child.unref();

  const end = Date.now() + (opts.readyTimeoutMs ?? 30_000);
  for (;;) {
    const failed = await Promise.race([spawnError, sleep(50).then(() => null)]);
    if (failed) throw new Error(`cannot start podman (${failed.message}); install it: apt-get install -y podman runc`);
    if (await pingSocket(socketPath, 1_000)) break;
    if (exited) throw new Error(`podman system service exited before it answered on ${socketPath}:\n${logTail(logPath)}`);
    if (Date.now() > end) {
      if (child.pid) process.kill(child.pid, 'SIGTERM');
      throw new Error(`podman system service did not answer /_ping on ${socketPath} in time:\n${logTail(logPath)}`);
    }
  }
  const pid = child.pid!;

  return {
    socketPath,
    pid,
    async stop() {
      if (!alive(pid) || exited) return;
      process.kill(pid, 'SIGTERM');
      // The service waits for in-flight requests (e.g. an events stream) for a moment; escalate after 10 s.
      for (let i = 0; i < 200 && !exited && alive(pid); i++) await sleep(50);
      if (!exited && alive(pid)) process.kill(pid, 'SIGKILL');
    },
  };
}
