// Pods in real containers (podman through its Docker API), driven by the real kubectl: two containers
// sharing localhost, an init container that runs first, env and envFrom from a ConfigMap and a Secret,
// ConfigMap and Secret files that change in place, and an emptyDir shared between containers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './eventually';
import { apply, busybox, getPod, pod, startAgentCluster, waitReady, type AgentCluster } from './support/agent-cluster';

let c: AgentCluster;

const configMap = (greeting: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { COLOR: 'blue', SIZE: 'large', greeting } });
const secret = (password: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app-secret', namespace: 'default' }, stringData: { PASSWORD: password, TOKEN: 'tok-123' } });

const shared = pod('shared', {
  volumes: [
    { name: 'work', emptyDir: {} },
    { name: 'shared', emptyDir: {} },
    { name: 'cfg', configMap: { name: 'app-config' } },
    { name: 'sec', secret: { secretName: 'app-secret', defaultMode: 0o400 } },
  ],
  initContainers: [busybox('init', 'echo "init ran at $(date +%s)" > /work/marker; echo init-finished', { volumeMounts: [{ name: 'work', mountPath: '/work' }] })],
  containers: [
    busybox('web', 'mkdir -p /www && echo hello-from-web > /www/index.html && echo written-by-web > /shared/from-web && exec httpd -f -p 8080 -h /www', {
      volumeMounts: [{ name: 'shared', mountPath: '/shared' }],
      ports: [{ containerPort: 8080 }],
      readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 1 },
    }),
    busybox('client', 'test -f /work/marker || exit 7; echo started-after-init; sleep 3600', {
      env: [
        { name: 'FROM_CM', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'COLOR' } } },
        { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'app-secret', key: 'PASSWORD' } } },
        { name: 'LITERAL', value: 'plain' },
      ],
      envFrom: [{ configMapRef: { name: 'app-config' } }, { prefix: 'S_', secretRef: { name: 'app-secret' } }],
      volumeMounts: [
        { name: 'work', mountPath: '/work' },
        { name: 'shared', mountPath: '/shared' },
        { name: 'cfg', mountPath: '/etc/cfg' },
        { name: 'sec', mountPath: '/etc/sec', readOnly: true },
      ],
    }),
  ],
});

async function exec(container: string, ...cmd: string[]) {
  const r = await c.kubectl.run(['exec', 'shared', '-c', container, '--', ...cmd]);
  return r;
}

beforeAll(async () => {
  c = await startAgentCluster({ name: 'pods' });
  await apply(c, configMap('hello v1'), secret('s3cret'), shared);
  await waitReady(c, 'shared', 90_000);
});

afterAll(async () => {
  await c?.close();
});

describe('a pod of real containers', () => {
  it('runs the init container to completion before the main containers start', async () => {
    const p = await getPod(c, 'shared');
    const init = p.status.initContainerStatuses[0];
    expect(init).toMatchObject({ name: 'init', ready: true, restartCount: 0 });
    expect(init.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(p.status.conditions.find((x: { type: string }) => x.type === 'Initialized').status).toBe('True');
    // The client exits 7 if the init container's file is missing: it started after init finished.
    const client = p.status.containerStatuses.find((s: { name: string }) => s.name === 'client');
    expect(client).toMatchObject({ ready: true, restartCount: 0 });
    expect(client.state.running).toBeDefined();
    expect(new Date(client.state.running.startedAt).getTime()).toBeGreaterThanOrEqual(new Date(init.state.terminated.finishedAt).getTime() - 999);
    const marker = await exec('client', 'cat', '/work/marker');
    expect(marker.code, marker.stderr).toBe(0);
    expect(marker.stdout).toMatch(/^init ran at \d+\n$/);
    const logs = await c.kubectl.run(['logs', 'shared', '-c', 'init']);
    expect(logs.stdout).toBe('init-finished\n');
  });

  it('reports real container ids, a pod IP and the host IP', async () => {
    const p = await getPod(c, 'shared');
    expect(p.spec.nodeName).toBe(c.nodeName);
    expect(p.status.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(p.status.hostIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    for (const s of p.status.containerStatuses) {
      expect(s.containerID).toMatch(/^(podman|docker):\/\/[0-9a-f]{64}$/);
      const id = s.containerID.split('://')[1];
      const inspected = await c.runtime.containerStatus(id);
      expect(inspected?.state).toBe('running');
    }
  });

  it('lets its containers reach each other on localhost', async () => {
    const r = await exec('client', 'wget', '-q', '-O', '-', 'http://127.0.0.1:8080/');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('hello-from-web\n');
    // Same network namespace, same hostname: the pod's name.
    expect((await exec('client', 'hostname')).stdout.trim()).toBe('shared');
  });

  it('shares an emptyDir between containers, both ways', async () => {
    expect((await exec('client', 'cat', '/shared/from-web')).stdout).toBe('written-by-web\n');
    expect((await exec('client', 'sh', '-c', 'echo written-by-client > /shared/from-client')).code).toBe(0);
    expect((await exec('web', 'cat', '/shared/from-client')).stdout).toBe('written-by-client\n');
    // The init container's emptyDir is not the web container's.
    expect((await exec('web', 'ls', '/work')).code).not.toBe(0);
  });

  it('sets env from a ConfigMap and a Secret, by key and with envFrom', async () => {
    const r = await exec('client', 'env');
    expect(r.code, r.stderr).toBe(0);
    const env = Object.fromEntries(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(env).toMatchObject({ FROM_CM: 'blue', FROM_SECRET: 's3cret', LITERAL: 'plain', COLOR: 'blue', SIZE: 'large', S_PASSWORD: 's3cret', S_TOKEN: 'tok-123' });
    // Only the container that asks for it gets it.
    expect((await exec('web', 'env')).stdout).not.toContain('s3cret');
  });

  it('mounts ConfigMap and Secret files, then updates them in place when the objects change', async () => {
    expect((await exec('client', 'cat', '/etc/cfg/greeting')).stdout).toBe('hello v1');
    expect((await exec('client', 'cat', '/etc/sec/PASSWORD')).stdout).toBe('s3cret');
    const mode = await exec('client', 'sh', '-c', 'stat -L -c %a /etc/sec/PASSWORD');
    expect(mode.stdout.trim()).toBe('400');
    const before = (await getPod(c, 'shared')).status.containerStatuses.map((s: { containerID: string }) => s.containerID).sort();

    await apply(c, configMap('hello v2'), secret('n3w-pass'));
    // The kubelet refreshes API-backed volumes on its periodic pod resync (upstream: about a minute).
    await eventually(
      async () => {
        await new Promise((r) => setTimeout(r, 1000));
        const cfg = await exec('client', 'cat', '/etc/cfg/greeting');
        const sec = await exec('client', 'cat', '/etc/sec/PASSWORD');
        return cfg.stdout === 'hello v2' && sec.stdout === 'n3w-pass' ? true : undefined;
      },
      100_000,
      'the new ConfigMap and Secret contents in the running container',
    );
    // Updated in place: the same containers, not restarted; env (read at start) keeps the old value.
    const after = await getPod(c, 'shared');
    expect(after.status.containerStatuses.map((s: { containerID: string }) => s.containerID).sort()).toEqual(before);
    expect(after.status.containerStatuses.every((s: { restartCount: number }) => s.restartCount === 0)).toBe(true);
    expect((await exec('client', 'sh', '-c', 'echo "$FROM_SECRET"')).stdout).toBe('s3cret\n');
  }, 150_000);
});
