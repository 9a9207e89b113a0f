// The README's first command: `npm start` serves https, writes a kubeconfig kubectl can use, joins this
// machine as a node whose pods run in real containers (podman), keeps state and running pods across
// restarts, and stops cleanly on SIGTERM.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { localNodeName, unmountUnder } from '../local/agent';
import { ensureLocalImage } from '../agent/src/runtime/images';
import { eventually } from './eventually';

const run = promisify(execFile);
const stateDir = mkdtempSync(join(tmpdir(), 'kubeflare-start-'));
afterAll(async () => {
  await removeNodeContainers(localNodeName());
  unmountUnder(stateDir); // the kubelet's tmpfs volumes (service account token, secrets)
  rmSync(stateDir, { recursive: true, force: true });
});

/** The test's pods outlive npm start by design: remove them with podman's CLI (no service needed). */
async function removeNodeContainers(node: string) {
  const env = { ...process.env, CONTAINERS_CONF: join(stateDir, 'agent', 'podman', 'containers.conf') };
  for (const kind of ['regular', 'init', 'sandbox']) {
    const ids = (await run('podman', ['ps', '-a', '-q', '--filter', `label=dev.kubeflare.node=${node}`, '--filter', `label=dev.kubeflare.container.kind=${kind}`], { env }).catch(() => ({ stdout: '' }))).stdout.trim();
    if (ids) await run('podman', ['rm', '-f', '-t', '1', ...ids.split(/\s+/)], { env }).catch(() => undefined);
  }
}

function start(extra: string[] = []): { child: ChildProcess; ready: Promise<string>; exited: Promise<number | null> } {
  // What `npm start` runs (npm itself dies by the signal rather than reporting the child's exit code).
  const child = spawn(process.execPath, ['scripts/run.mjs', 'local/start.ts', '--port', '0', '--state-dir', stateDir, ...extra], { cwd: join(__dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /listening on (https:\/\/\S+)/.exec(out);
      if (m && out.includes('Press Ctrl-C')) resolve(m[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', () => reject(new Error(`npm start exited early:\n${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited };
}

/** 0, or 143 when Miniflare's own exit hook (it kills workerd) ends the process by the signal's code. */
const CLEAN_EXIT = [0, 143];

function portClosed(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = connect({ host: hostname, port: Number(port) });
    s.on('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', () => resolve(true));
  });
}

const kubectl = (...args: string[]) =>
  run('kubectl', ['--kubeconfig', join(stateDir, 'kubeconfig'), '--cache-dir', join(stateDir, 'kcache'), ...args], { env: { ...process.env, KUBECONFIG: '' } });

describe('npm start', () => {
  it('serves kubectl over https with a generated kubeconfig, persists state, and stops on SIGTERM', async () => {
    const first = start();
    const url = await first.ready;
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(statSync(join(stateDir, 'admin-token')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(stateDir, 'kubeconfig'), 'utf8')).toContain('certificate-authority-data');
    expect((await kubectl('get', 'namespaces', '-o', 'name')).stdout).toContain('namespace/kube-system');
    await run('sh', ['-c', `echo '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"survivor"},"data":{"a":"b"}}' | kubectl --kubeconfig ${join(stateDir, 'kubeconfig')} --cache-dir ${join(stateDir, 'kcache')} apply -f -`]);

    // This machine is a node, and a pod runs on it as a container from the local image store.
    const node = localNodeName();
    await eventually(async () => ((await kubectl('get', 'node', node, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}').catch(() => ({ stdout: '' }))).stdout === 'True' ? true : undefined), 90_000, 'the local node to be Ready');
    await ensureLocalImage(join(stateDir, 'agent', 'podman', 'podman.sock'), { kind: 'busybox' });
    await kubectl('run', 'sleeper', '--image=localhost/kubeflare/busybox:latest', '--image-pull-policy=Never', '--', 'sleep', '3600');
    const containerId = await eventually(
      async () => {
        const r = await kubectl('get', 'pod', 'sleeper', '-o', 'jsonpath={.status.phase} {.status.containerStatuses[0].containerID}');
        const [phase, id] = r.stdout.split(' ');
        return phase === 'Running' && id ? id : undefined;
      },
      90_000,
      'the pod to run',
    );
    first.child.kill('SIGTERM');
    expect(CLEAN_EXIT).toContain(await first.exited);
    expect(await portClosed(url)).toBe(true);

    const second = start(['--sim-nodes', '2']);
    const url2 = await second.ready;
    expect((await kubectl('get', 'configmap', 'survivor', '-o', 'jsonpath={.data.a}')).stdout).toBe('b');
    const nodes = (await kubectl('get', 'nodes', '-o', 'name')).stdout.trim().split('\n');
    expect(nodes).toHaveLength(3);
    expect(nodes).toContain(`node/${node}`);
    // The agent adopted the running container: same id, no restart.
    await eventually(async () => ((await kubectl('get', 'node', node, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}')).stdout === 'True' ? true : undefined), 90_000, 'the node to be Ready again');
    const after = await kubectl('get', 'pod', 'sleeper', '-o', 'jsonpath={.status.phase} {.status.containerStatuses[0].containerID} {.status.containerStatuses[0].restartCount}');
    expect(after.stdout).toBe(`Running ${containerId} 0`);
    second.child.kill('SIGINT');
    expect([...CLEAN_EXIT, 130]).toContain(await second.exited);
    expect(await portClosed(url2)).toBe(true);
  });
});
