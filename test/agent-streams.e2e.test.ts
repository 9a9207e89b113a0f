// Logs, exec, port-forward and graceful deletion of real containers through the node tunnel, driven by
// the real kubectl: `logs` (-c, -f with a line written after it started, --previous after a restart),
// `exec` (stdout, stdin with -i, a non-zero exit code), `port-forward` to busybox httpd, and
// `delete pod` stopping a container that traps SIGTERM within its grace period.
import { mkdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './eventually';
import { apply, busybox, getPod, kubectlWithInput, pod, podEvents, startAgentCluster, waitReady, type AgentCluster } from './support/agent-cluster';

let c: AgentCluster;
let hostDir: string;

// main prints what is dropped into /tmp/say, so a test can make it log a line at a moment of its choosing.
const talker = pod('talker', {
  containers: [
    busybox('main', 'echo first-line; echo to-stderr >&2; while :; do if [ -f /tmp/say ]; then cat /tmp/say; rm /tmp/say; fi; sleep 0.2; done'),
    busybox('side', 'echo side-says-hi; mkdir -p /www && echo served-by-httpd > /www/index.html && exec httpd -f -p 8080 -h /www', { ports: [{ containerPort: 8080 }] }),
  ],
});

// The first instance logs and fails; the restarted one (the emptyDir survives restarts) stays up.
const restarter = pod('restarter', {
  volumes: [{ name: 'data', emptyDir: {} }],
  containers: [
    busybox('main', 'if [ -f /data/once ]; then echo second-instance; exec sleep 3600; fi; touch /data/once; echo first-instance; exit 1', {
      volumeMounts: [{ name: 'data', mountPath: '/data' }],
    }),
  ],
});

// Traps TERM, records it in a host directory and exits; a 60 s grace period that a kill-by-timeout would exhaust.
const graceful = () =>
  pod('graceful', {
    terminationGracePeriodSeconds: 60,
    volumes: [{ name: 'host', hostPath: { path: hostDir, type: 'Directory' } }],
    containers: [
      busybox('main', 'trap "echo got-term > /host/term; exit 0" TERM; echo waiting; while :; do sleep 0.1; done', {
        volumeMounts: [{ name: 'host', mountPath: '/host' }],
      }),
    ],
  });

beforeAll(async () => {
  c = await startAgentCluster({ name: 'streams' });
  hostDir = join(c.dir, 'host');
  mkdirSync(hostDir);
  await apply(c, talker, restarter, graceful());
  await waitReady(c, 'talker', 90_000);
  await waitReady(c, 'graceful', 60_000);
});

afterAll(async () => {
  await c?.close();
});

describe('kubectl logs', () => {
  it('prints a container’s output, stdout and stderr, and picks a container with -c', async () => {
    const main = await c.kubectl.run(['logs', 'talker', '-c', 'main']);
    expect(main.code, main.stderr).toBe(0);
    expect(main.stdout.split('\n')).toEqual(expect.arrayContaining(['first-line', 'to-stderr']));
    const side = await c.kubectl.run(['logs', 'talker', '-c', 'side']);
    expect(side.stdout).toBe('side-says-hi\n');
    const missing = await c.kubectl.run(['logs', 'talker', '-c', 'nope']);
    expect(missing.code).not.toBe(0);
  });

  it('follows with -f: a line written after it started arrives', async () => {
    const follow = c.kubectl.background(['logs', '-f', 'talker', '-c', 'main']);
    try {
      await follow.waitFor((l) => l === 'first-line', 20_000);
      const r = await c.kubectl.run(['exec', 'talker', '-c', 'main', '--', 'sh', '-c', 'echo written-after-follow > /tmp/say']);
      expect(r.code, r.stderr).toBe(0);
      await follow.waitFor((l) => l === 'written-after-follow', 20_000);
      expect(follow.exitCode).toBeNull();
    } finally {
      await follow.kill();
    }
  });

  it('shows the previous instance with --previous after a restart', async () => {
    const restarted = await eventually(
      async () => {
        const p = await getPod(c, 'restarter');
        const s = p?.status?.containerStatuses?.[0];
        return s?.restartCount >= 1 && s.state.running && s.ready ? p : undefined;
      },
      60_000,
      'restarter restarted and running',
    );
    expect(restarted.status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    const previous = await c.kubectl.run(['logs', 'restarter', '--previous']);
    expect(previous.code, previous.stderr).toBe(0);
    expect(previous.stdout).toBe('first-instance\n');
    const current = await c.kubectl.run(['logs', 'restarter']);
    expect(current.stdout).toBe('second-instance\n');
  });
});

describe('kubectl exec', () => {
  it('returns stdout', async () => {
    const r = await c.kubectl.run(['exec', 'talker', '-c', 'main', '--', 'sh', '-c', 'echo out-$((6*7)); echo err-text >&2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('out-42\n');
    expect(r.stderr).toContain('err-text');
  });

  it('feeds stdin with -i', async () => {
    const r = await kubectlWithInput(c, ['exec', '-i', 'talker', '-c', 'main', '--', 'sh', '-c', 'tr a-z A-Z; echo done'], 'hello stdin\nsecond line\n');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('HELLO STDIN\nSECOND LINE\ndone\n');
  });

  it('propagates a non-zero exit code', async () => {
    const r = await c.kubectl.run(['exec', 'talker', '-c', 'main', '--', 'sh', '-c', 'exit 3']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('command terminated with exit code 3');
    const notFound = await c.kubectl.run(['exec', 'talker', '-c', 'main', '--', '/no/such/binary']);
    expect(notFound.code).not.toBe(0);
  });
});

describe('kubectl port-forward', () => {
  it('forwards a local port to busybox httpd in the pod', async () => {
    const pf = c.kubectl.background(['port-forward', 'pod/talker', ':8080']);
    try {
      const line = await pf.waitFor((l) => /Forwarding from 127\.0\.0\.1:\d+ -> 8080/.test(l), 20_000);
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(line)![1]);
      for (let i = 0; i < 3; i++) expect(await httpGet(port, '/')).toEqual({ status: 200, body: 'served-by-httpd\n' });
      // A reply that ends by closing the connection (no Content-Length) arrives whole.
      const missing = await httpGet(port, '/missing');
      expect(missing.status).toBe(404);
      expect(missing.body).toContain('404');
    } finally {
      await pf.kill();
    }
  });
});

describe('kubectl delete pod', () => {
  it('stops a container that traps SIGTERM within its grace period and removes it from the runtime', async () => {
    const before = await getPod(c, 'graceful');
    const id = before.status.containerStatuses[0].containerID.split('://')[1];
    expect((await c.runtime.containerStatus(id))?.state).toBe('running');
    // The grace period is 60 s: a container that ignored TERM would outlast kubectl's 45 s wait.
    const r = await c.kubectl.run(['delete', 'pod', 'graceful', '--wait', '--timeout=45s'], 50_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('pod "graceful" deleted');
    expect(readFileSync(join(hostDir, 'term'), 'utf8')).toBe('got-term\n');
    expect(await c.runtime.containerStatus(id)).toBeNull();
    expect(await getPod(c, 'graceful')).toBeUndefined();
    const killing = (await podEvents(c, 'graceful')).find((e) => e.reason === 'Killing');
    expect(killing?.message).toBe('Stopping container main');
    // Nothing of the pod is left on the node, sandbox included.
    const left = await c.runtime.docker.listContainers({ all: true, filters: { label: [`dev.kubeflare.pod.uid=${before.metadata.uid}`] } });
    expect(left).toEqual([]);
  });
});

function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // busybox httpd ends some replies (404) by closing the connection: a lost close would hang here.
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${path}: no complete reply in 10 s`)));
    req.on('error', reject).end();
  });
}
