// The simulated cluster (agent/src/sim) against the real local stack: fake nodes register, heartbeat
// through their Leases, and "run" the pods bound to them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../workers/kube/client';
import { createNodeFetcher, type NodeFetcher } from '../agent/src/http';
import { SimCluster, SIMULATED_ANNOTATION } from '../agent/src/sim';
import { startTestStack, type TestStack } from './harness';
import { eventually } from './eventually';

let stack: TestStack;
let fetcher: NodeFetcher;
let sim: SimCluster;
const ns = 'default';


const renewTimeOf = async (node: string): Promise<string> => (await stack.client.get(`/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${node}`)).json.spec.renewTime;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  stack = await startTestStack();
  fetcher = createNodeFetcher({ caPem: stack.caPem });
  const api = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'kubeflare-sim-test' });
  sim = new SimCluster({ api, nodes: { count: 20, zones: 3, taintedFraction: 0.1, namePrefix: 'sim' }, markRunning: true, heartbeatSeconds: 1, podStartDelayMs: 100 });
  await sim.start();
});

afterAll(async () => {
  await sim?.stop();
  fetcher?.close();
  await stack?.close();
});

describe('SimCluster', () => {
  it('registers 20 nodes with labels, capacity and Ready status, and renews their Leases', async () => {
    const nodes = (await stack.client.get('/api/v1/nodes')).json.items.filter((n: any) => n.metadata.annotations?.[SIMULATED_ANNOTATION] === 'true');
    expect(nodes).toHaveLength(20);
    const zones = new Set<string>();
    for (const n of nodes) {
      const l = n.metadata.labels;
      expect(l['kubernetes.io/hostname']).toBe(n.metadata.name);
      expect(l['kubernetes.io/os']).toBe('linux');
      expect(l['kubernetes.io/arch']).toBe('amd64');
      expect(l['node.kubernetes.io/instance-type']).toMatch(/^sim\./);
      zones.add(l['topology.kubernetes.io/zone']);
      expect(Object.keys(n.status.capacity).sort()).toEqual(['cpu', 'ephemeral-storage', 'memory', 'pods']);
      expect(n.status.allocatable).toEqual(n.status.capacity);
      const ready = n.status.conditions.find((c: any) => c.type === 'Ready');
      expect(ready).toMatchObject({ status: 'True' });
      expect(ready.lastHeartbeatTime).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(n.status.addresses).toContainEqual({ type: 'InternalIP', address: expect.stringMatching(/^10\.240\.\d+\.\d+$/) });
      expect(n.status.nodeInfo).toMatchObject({ operatingSystem: 'linux', architecture: 'amd64' });
    }
    expect([...zones].sort()).toEqual(['zone-a', 'zone-b', 'zone-c']);
    expect(nodes.filter((n: any) => n.spec.taints?.length)).toHaveLength(2);
    expect(sim.counters.nodesRegistered).toBe(20);

    const leases = (await stack.client.get('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases')).json.items;
    const ours = leases.filter((l: any) => l.metadata.name.startsWith('sim-'));
    expect(ours).toHaveLength(20);
    expect(ours[0].spec).toMatchObject({ holderIdentity: ours[0].metadata.name, leaseDurationSeconds: 40 });
    expect(ours[0].spec.renewTime).toMatch(/\.\d{6}Z$/);
    expect(ours[0].metadata.ownerReferences[0]).toMatchObject({ kind: 'Node', name: ours[0].metadata.name });

    const before = await renewTimeOf('sim-0005');
    await eventually(async () => ((await renewTimeOf('sim-0005')) > before ? true : undefined), 5_000, 'lease renewal');
    expect(sim.counters.leasesRenewed).toBeGreaterThan(20);
  });

  it('reports a pod bound to a sim node Running and Ready, and confirms its graceful deletion', async () => {
    // An unknown scheduler name keeps the real scheduler away: this test binds the pod itself.
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'sim-bound' },
      spec: {
        schedulerName: 'nobody',
        initContainers: [{ name: 'init', image: 'busybox:1.36' }],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      },
    };
    expect((await stack.client.post(`/api/v1/namespaces/${ns}/pods`, pod)).status).toBe(201);
    const bind = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'sim-bound' }, target: { apiVersion: 'v1', kind: 'Node', name: 'sim-0007' } };
    expect((await stack.client.post(`/api/v1/namespaces/${ns}/pods/sim-bound/binding`, bind)).status).toBe(201);

    const running = await eventually(async () => {
      const p = (await stack.client.get(`/api/v1/namespaces/${ns}/pods/sim-bound`)).json;
      return p.status?.phase === 'Running' ? p : undefined;
    }, 10_000, 'pod Running');
    const node = (await stack.client.get('/api/v1/nodes/sim-0007')).json;
    const cond = (t: string) => running.status.conditions.find((c: any) => c.type === t);
    for (const t of ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready']) expect(cond(t)).toMatchObject({ status: 'True', lastTransitionTime: expect.any(String) });
    expect(running.status.hostIP).toBe(node.status.addresses.find((a: any) => a.type === 'InternalIP').address);
    expect(running.status.podIP.split('.').slice(0, 3).join('.')).toBe(node.spec.podCIDR.split('.').slice(0, 3).join('.'));
    expect(running.status.startTime).toBeTruthy();
    const [c] = running.status.containerStatuses;
    expect(c).toMatchObject({ name: 'app', ready: true, started: true, restartCount: 0, image: 'nginx:1.27', state: { running: { startedAt: expect.any(String) } } });
    expect(c.containerID).toMatch(/^sim:\/\//);
    expect(c.imageID).toContain('sha256:');
    expect(running.status.initContainerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(sim.counters.podsMarkedRunning).toBeGreaterThanOrEqual(1);

    // Default grace: the API only marks the pod; the simulated kubelet confirms and it disappears.
    const del = await stack.client.delete(`/api/v1/namespaces/${ns}/pods/sim-bound`);
    expect(del.status).toBe(200);
    expect(del.json.metadata.deletionTimestamp).toBeTruthy();
    await eventually(async () => ((await stack.client.get(`/api/v1/namespaces/${ns}/pods/sim-bound`)).status === 404 ? true : undefined), 10_000, 'pod gone');
    expect(sim.counters.podsDeleted).toBeGreaterThanOrEqual(1);
  });

  it('runs pods the real scheduler places on sim nodes', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sim-scheduled' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } } }] } };
    expect((await stack.client.post(`/api/v1/namespaces/${ns}/pods`, pod)).status).toBe(201);
    const p = await eventually(async () => {
      const got = (await stack.client.get(`/api/v1/namespaces/${ns}/pods/sim-scheduled`)).json;
      return got.status?.phase === 'Running' ? got : undefined;
    }, 15_000, 'scheduled pod Running');
    expect(p.spec.nodeName).toMatch(/^sim-/);
    const node = (await stack.client.get(`/api/v1/nodes/${p.spec.nodeName}`)).json;
    expect(node.spec.taints ?? []).toEqual([]);
  });

  it('stops renewing the Lease of a silenced node, and resumes when it is back', async () => {
    sim.silence(['sim-0003']);
    await sleep(1_200); // let a renewal already in flight land
    const silenced = await renewTimeOf('sim-0003');
    const other = await renewTimeOf('sim-0004');
    await sleep(2_500);
    expect(await renewTimeOf('sim-0003')).toBe(silenced);
    expect(await renewTimeOf('sim-0004')).not.toBe(other);

    sim.unsilence(['sim-0003']);
    await eventually(async () => ((await renewTimeOf('sim-0003')) > silenced ? true : undefined), 5_000, 'renewal after unsilence');
  });

  it('writes Ready back when someone else marked a running pod not ready (as the kubelet does), but not on a silenced node', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sim-remark' }, spec: { nodeName: 'sim-0005', containers: [{ name: 'app', image: 'nginx:1.27' }] } };
    expect((await stack.client.post(`/api/v1/namespaces/${ns}/pods`, pod)).status).toBe(201);
    const path = `/api/v1/namespaces/${ns}/pods/sim-remark`;
    const readyOf = async () => (await stack.client.get(path)).json.status?.conditions?.find((c: any) => c.type === 'Ready')?.status;
    await eventually(async () => ((await readyOf()) === 'True' ? true : undefined), 10_000, 'pod Ready');
    // What the node lifecycle controller writes for a node it cannot hear from.
    const markNotReady = () => stack.client.patch(`${path}/status`, { status: { conditions: [{ type: 'Ready', status: 'False' }] } }, 'application/strategic-merge-patch+json');

    sim.silence(['sim-0005']);
    expect((await markNotReady()).status).toBe(200);
    await sleep(1_500);
    expect(await readyOf()).toBe('False');

    sim.unsilence(['sim-0005']);
    await eventually(async () => ((await readyOf()) === 'True' ? true : undefined), 10_000, 'Ready restored after unsilence');
    expect((await markNotReady()).status).toBe(200);
    await eventually(async () => ((await readyOf()) === 'True' ? true : undefined), 10_000, 'Ready restored on a live node');
    expect(sim.counters.podsReadyRestored).toBeGreaterThanOrEqual(2);
    expect((await stack.client.delete(path, { body: { gracePeriodSeconds: 0 } })).status).toBe(200);
  });

  it('stops cleanly and idempotently', async () => {
    await Promise.all([sim.stop(), sim.stop()]);
    const renewed = sim.counters.leasesRenewed;
    await sleep(1_500);
    expect(sim.counters.leasesRenewed).toBe(renewed);
    await expect(sim.start()).rejects.toThrow(/after stop/);
    expect(sim.counters.errors).toBe(0);
  });
});
