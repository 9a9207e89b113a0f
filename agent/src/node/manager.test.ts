import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StatusError } from '../../../workers/kube/status';
import type { HostFacts } from './host';
import { NodeManager, type NodeApi, type NodeRuntime } from './manager';

/** A tiny in-memory API: enough of create/get/update/patch for a Node and its Lease. */
function fakeApi() {
  const objects = new Map<string, Record<string, any>>();
  const writes: string[] = [];
  let rv = 0;
  const notFound = () => new StatusError(404, 'NotFound', 'not found');
  const api = {
    async getOrNull(path: string) {
      return structuredClone(objects.get(path) ?? null);
    },
    async get(path: string) {
      const o = objects.get(path);
      if (!o) throw notFound();
      return structuredClone(o);
    },
    async create(path: string, obj: any) {
      const key = `${path}/${obj.metadata.name}`;
      if (objects.has(key)) throw new StatusError(409, 'AlreadyExists', 'exists');
      writes.push(`create ${key}`);
      const stored = { ...structuredClone(obj), metadata: { ...obj.metadata, uid: `uid-${obj.metadata.name}`, resourceVersion: String(++rv) } };
      objects.set(key, stored);
      return structuredClone(stored);
    },
    async update(path: string, obj: any) {
      if (!objects.has(path)) throw notFound();
      writes.push(`update ${path}`);
      objects.set(path, { ...structuredClone(obj), metadata: { ...obj.metadata, resourceVersion: String(++rv) } });
      return structuredClone(objects.get(path));
    },
    async patch(path: string, patch: any) {
      const target = path.replace(/\/status$/, '');
      const o = objects.get(target);
      if (!o) throw notFound();
      writes.push(`patch ${path}`);
      if (patch.status) o.status = structuredClone(patch.status);
      if (patch.metadata?.labels) o.metadata.labels = { ...o.metadata.labels, ...patch.metadata.labels };
      o.metadata.resourceVersion = String(++rv);
      return structuredClone(o);
    },
  };
  return { api: api as unknown as NodeApi, objects, writes };
}

const facts: HostFacts = {
  hostname: 'h',
  cpus: 2,
  memoryBytes: 4 * 1024 ** 3,
  memoryAvailableBytes: 2 * 1024 ** 3,
  disk: { totalBytes: 10 * 1024 ** 3, availableBytes: 5 * 1024 ** 3 },
  internalIP: '10.0.0.2',
  operatingSystem: 'linux',
  architecture: 'amd64',
  kernelVersion: '6.1',
  osImage: 'Debian',
  machineID: 'm',
  bootID: 'b',
};

function manager(api: NodeApi, runtime: NodeRuntime) {
  return new NodeManager({ api, runtime, nodeName: 'n1', heartbeatSeconds: 10, leaseDurationSeconds: 40, statusReportSeconds: 300, readFacts: async () => facts });
}

const runtimeUp = (): NodeRuntime => ({
  version: async () => ({ name: 'fake', version: '1', apiVersion: '1', runtimeVersion: 'fake://1' }),
  listImages: async () => [],
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse('2026-01-01T00:00:00Z'));
});
afterEach(() => vi.useRealTimers());

const NODE = '/api/v1/nodes/n1';
const LEASE = '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1';
const statusWrites = (w: string[]) => w.filter((x) => x === `patch ${NODE}/status`).length;

describe('NodeManager', () => {
  it('registers the node, creates its lease owned by the node, and renews it every heartbeat', async () => {
    const { api, objects, writes } = fakeApi();
    const m = manager(api, runtimeUp());
    await m.start();
    expect(objects.get(NODE)?.status.conditions.find((c: any) => c.type === 'Ready').status).toBe('True');
    expect(objects.get(LEASE)?.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'uid-n1' }]);
    const firstRenew = objects.get(LEASE)?.spec.renewTime;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(writes.filter((w) => w === `update ${LEASE}`)).toHaveLength(3);
    expect(objects.get(LEASE)?.spec.renewTime).not.toBe(firstRenew);
    await m.stop();
  });

  it('does not re-post an unchanged status until the report frequency passes', async () => {
    const { api, writes } = fakeApi();
    const m = manager(api, runtimeUp());
    await m.start();
    expect(statusWrites(writes)).toBe(1);
    await vi.advanceTimersByTimeAsync(290_000);
    expect(statusWrites(writes)).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(statusWrites(writes)).toBe(2);
    await m.stop();
  });

  it('posts at once when the runtime goes down, with a new transition time', async () => {
    const { api, objects, writes } = fakeApi();
    let up = true;
    const runtime: NodeRuntime = {
      version: async () => {
        if (!up) throw new Error('connect ENOENT');
        return { name: 'fake', version: '1', apiVersion: '1', runtimeVersion: 'fake://1' };
      },
      listImages: async () => [],
    };
    const m = manager(api, runtime);
    await m.start();
    up = false;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(statusWrites(writes)).toBe(2);
    const ready = objects.get(NODE)?.status.conditions.find((c: any) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'KubeletNotReady', lastTransitionTime: '2026-01-01T00:00:10Z' });
    await m.stop();
  });

  it('updates labels of a node that already exists instead of failing', async () => {
    const { api, objects } = fakeApi();
    await api.create('/api/v1/nodes', { metadata: { name: 'n1', labels: { operator: 'added' } } });
    const m = manager(api, runtimeUp());
    await m.register();
    expect(objects.get(NODE)?.metadata.labels).toMatchObject({ operator: 'added', 'kubernetes.io/hostname': 'n1' });
    expect(objects.get(NODE)?.status.nodeInfo.kubeletVersion).toBe('v1.32.4-kubeflare');
  });

  it('registers again after its Node was deleted', async () => {
    const { api, objects, writes } = fakeApi();
    const m = manager(api, runtimeUp());
    await m.start();
    objects.delete(NODE);
    await vi.advanceTimersByTimeAsync(300_000); // a status post is due: 404
    await vi.advanceTimersByTimeAsync(10_000);
    expect(objects.has(NODE)).toBe(true);
    expect(writes.filter((w) => w === 'create /api/v1/nodes/n1')).toHaveLength(2);
    await m.stop();
  });
});
