// local-path volumes with real containers (podman through the real agent) and the real kubectl: a claim
// binds when its pod is scheduled and the pod's writes reach the node's directory and a later pod; a
// released volume's directory is removed from the node by the helper pod (reclaimPolicy Delete); a
// StatefulSet comes up in order with stable names and a pod's data survives the pod being deleted.
// The StorageClass is the built-in provisioner with its root in this test's directory (not /var/lib).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './eventually';
import type { WatchEvent } from './harness';
import { apply, busybox, getPod, pod, startAgentCluster, waitReady, type AgentCluster } from './support/agent-cluster';

let c: AgentCluster;
let root: string;
const CLASS = 'e2e-local';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

beforeAll(async () => {
  c = await startAgentCluster({ name: 'vol' });
  root = join(c.dir, 'local-path');
  await apply(c, {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: CLASS },
    provisioner: 'kubeflare.dev/local-path',
    parameters: { path: root },
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  });
}, 180_000);
afterAll(async () => {
  await c?.close();
});

const claim = (name: string) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default' },
  spec: { storageClassName: CLASS, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '64Mi' } } },
});
const withClaim = (name: string, claimName: string, script: string) =>
  pod(name, { containers: [busybox('main', script, { volumeMounts: [{ name: 'data', mountPath: '/data' }] })], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] });

const get = async (path: string): Promise<Obj> => {
  const r = await c.stack.client.get(path);
  return r.status === 200 ? r.json : undefined;
};
const k = async (...args: string[]) => {
  const r = await c.kubectl.run(args, 60_000);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
};
const gone = (what: string, path: string) => eventually(async () => ((await c.stack.client.get(path)).status === 404 ? true : undefined), 60_000, `${what} gone`);

describe('local-path volumes on a real node', () => {
  it('binds a claim when its pod is scheduled; the pod writes to it and a later pod reads it', async () => {
    await apply(c, claim('notes'));
    // WaitForFirstConsumer: no pod, no volume.
    expect((await get('/api/v1/namespaces/default/persistentvolumeclaims/notes')).status.phase).toBe('Pending');
    await apply(c, withClaim('writer', 'notes', 'echo written-by-writer > /data/note && exec sleep 3600'));
    await waitReady(c, 'writer', 90_000);
    const pvc = await get('/api/v1/namespaces/default/persistentvolumeclaims/notes');
    expect(pvc.status.phase).toBe('Bound');
    const pv = await get(`/api/v1/persistentvolumes/${pvc.spec.volumeName}`);
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values).toEqual([c.nodeName]);
    expect(pv.spec.hostPath.path.startsWith(`${root}/`)).toBe(true);

    expect((await k('exec', 'writer', '--', 'cat', '/data/note')).trim()).toBe('written-by-writer');
    // The node's directory holds what the container wrote.
    expect(readFileSync(join(pv.spec.hostPath.path, 'note'), 'utf8').trim()).toBe('written-by-writer');

    await k('delete', 'pod', 'writer', '--wait=true');
    await apply(c, withClaim('reader', 'notes', 'cat /data/note && exec sleep 3600'));
    await waitReady(c, 'reader', 90_000);
    const logs = await eventually(async () => {
      const out = await k('logs', 'reader');
      return out.includes('written-by-writer') ? out : undefined;
    }, 30_000, 'reader logs');
    expect(logs.trim()).toBe('written-by-writer');
  });

  it('removes the directory from the node when a released volume with reclaimPolicy Delete is deleted', async () => {
    const pvc = await get('/api/v1/namespaces/default/persistentvolumeclaims/notes');
    const pv = await get(`/api/v1/persistentvolumes/${pvc.spec.volumeName}`);
    const dir: string = pv.spec.hostPath.path;
    expect(existsSync(dir)).toBe(true);
    await k('delete', 'pod', 'reader', '--wait=true');
    await k('delete', 'pvc', 'notes', '--wait=true');
    await gone('the volume', `/api/v1/persistentvolumes/${pv.metadata.name}`);
    // The volume is deleted only after the helper pod removed the directory on the node.
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(root)).toBe(true);
    await gone('the helper pod', `/api/v1/namespaces/kube-system/pods/helper-pod-delete-${pv.metadata.name}`);
  });

  it('brings a StatefulSet up in order with stable names; a pod’s data survives deleting the pod', async () => {
    const watch = c.stack.client.watch('/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dweb');
    await watch.opened;
    const labels = { app: 'web' };
    await apply(
      c,
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: 'None', selector: labels, ports: [{ port: 80 }] } },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          replicas: 3,
          serviceName: 'web',
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              terminationGracePeriodSeconds: 2,
              // The first start writes the pod's hostname; every start appends to a boot log.
              containers: [busybox('main', '[ -f /data/name ] || hostname > /data/name; echo boot >> /data/boots; exec sleep 3600', { volumeMounts: [{ name: 'data', mountPath: '/data' }] })],
            },
          },
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { storageClassName: CLASS, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '64Mi' } } } }],
        },
      },
    );
    await k('rollout', 'status', 'statefulset/web', '--timeout=180s');
    const events: WatchEvent[] = watch.events;
    watch.stop();
    const added = events.filter((e) => e.type === 'ADDED').map((e) => e.object.metadata.name);
    expect(added).toEqual(['web-0', 'web-1', 'web-2']);
    // OrderedReady: each pod is created only after the one before it was Ready.
    const isReady = (o: Obj) => o.status?.conditions?.some((x: Obj) => x.type === 'Ready' && x.status === 'True');
    const readyAt = (n: string) => events.findIndex((e) => e.object.metadata.name === n && isReady(e.object));
    const addedAt = (n: string) => events.findIndex((e) => e.type === 'ADDED' && e.object.metadata.name === n);
    expect(readyAt('web-0')).toBeGreaterThanOrEqual(0);
    expect(readyAt('web-0')).toBeLessThan(addedAt('web-1'));
    expect(readyAt('web-1')).toBeLessThan(addedAt('web-2'));

    for (const n of ['web-0', 'web-1', 'web-2']) expect((await k('exec', n, '--', 'cat', '/data/name')).trim()).toBe(n);
    const before = await get('/api/v1/namespaces/default/persistentvolumeclaims/data-web-1');
    const oldPod = await getPod(c, 'web-1');

    await k('delete', 'pod', 'web-1', '--wait=true');
    const fresh = await eventually(async () => {
      const p = await getPod(c, 'web-1');
      return p && p.metadata.uid !== oldPod.metadata.uid ? p : undefined;
    }, 60_000, 'a new web-1');
    expect(fresh.spec.hostname).toBe('web-1');
    await waitReady(c, 'web-1', 90_000);
    // The same claim (same uid, same volume), the first start's data, and a second boot recorded.
    const after = await get('/api/v1/namespaces/default/persistentvolumeclaims/data-web-1');
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.spec.volumeName).toBe(before.spec.volumeName);
    expect((await k('exec', 'web-1', '--', 'cat', '/data/name')).trim()).toBe('web-1');
    expect((await k('exec', 'web-1', '--', 'cat', '/data/boots')).trim().split('\n')).toEqual(['boot', 'boot']);
    expect((await k('exec', 'web-0', '--', 'cat', '/data/boots')).trim().split('\n')).toEqual(['boot']);
  });
});
