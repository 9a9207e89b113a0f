// Installs (if needed), starts and stops the reference etcd: one member on loopback, free ports, a
// throw-away data dir on tmpfs (/dev/shm) so it, like our in-memory D1, never waits on a disk fsync.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './stats';

export interface EtcdServer {
  url: string;
  pid: number;
  dataDir: string;
  version: string;
  stop(): Promise<void>;
}

function findEtcd(): string | undefined {
  for (const p of ['/usr/bin/etcd', '/usr/local/bin/etcd']) if (existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v etcd'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

/** Returns the etcd binary, installing Debian's etcd-server when it is missing. */
export function ensureEtcd(log: (m: string) => void): string {
  const found = findEtcd();
  if (found) return found;
  log('etcd not found: running `apt-get install -y etcd-server` ...');
  const r = spawnSync('apt-get', ['install', '-y', 'etcd-server'], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 180_000 });
  const bin = findEtcd();
  if (r.status !== 0 || !bin) {
    throw new Error(
      `could not install etcd: \`apt-get install -y etcd-server\` exited ${r.status ?? r.signal}.\n` +
        `${(r.stderr || r.stdout || '').trim().split('\n').slice(-5).join('\n')}\n` +
        'Install it by hand (as root: apt-get update && apt-get install -y etcd-server) and rerun.',
    );
  }
  return bin;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export async function startEtcd(bin: string, log: (m: string) => void): Promise<EtcdServer> {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dataDir = mkdtempSync(join(base, 'bench-etcd-'));
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const child: ChildProcess = spawn(
    bin,
    [
      '--name=bench',
      `--data-dir=${dataDir}`,
      `--listen-client-urls=${url}`,
      `--advertise-client-urls=${url}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=bench=${peer}`,
      '--logger=zap',
      '--log-level=error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  let exited = false;
  const exit = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  const pid = child.pid ?? 0;

  const stop = async () => {
    if (!exited) {
      process.kill(pid, 'SIGTERM');
      const killed = await Promise.race([exit.then(() => true), sleep(5000).then(() => false)]);
      if (!killed && !exited) process.kill(pid, 'SIGKILL');
      await exit;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  // Bounded wait for the client URL to answer.
  for (let i = 0; i < 100; i++) {
    if (exited) break;
    try {
      const r = await fetch(`${url}/version`);
      if (r.ok) {
        const v = (await r.json()) as { etcdserver: string };
        log(`etcd ${v.etcdserver} up at ${url} (pid ${pid}, data ${dataDir})`);
        return { url, pid, dataDir, version: v.etcdserver, stop };
      }
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`etcd did not start: ${stderr.trim().slice(-1000)}`);
}
