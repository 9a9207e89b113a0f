// The scheduler worker's Durable Object binds pending pods through the API, as kube-scheduler does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, startTestStack } from './harness';
import { eventually } from './eventually';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});


interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
}

async function createNode(name: string, o: NodeOpts = {}) {
  const capacity = { cpu: o.cpu ?? '2', memory: o.memory ?? '4Gi', pods: String(o.pods ?? 110) };
  const r = await stack.client.post('/api/v1/nodes', {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: o.taints ? { taints: o.taints } : {},
    status: {
      capacity,
      allocatable: capacity,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
    },
  });
  expect(r.status, r.text).toBe(201);
}

type PodExtra = Record<string, unknown>;
async function createPod(ns: string, name: string, cpu: string | undefined, spec: PodExtra = {}) {
  const r = await stack.client.post(`/api/v1/namespaces/${ns}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'c', image: 'busybox', ...(cpu ? { resources: { requests: { cpu } } } : {}) }], ...spec },
  });
  expect(r.status, r.text).toBe(201);
}

const getPod = async (ns: string, name: string) => (await stack.client.get(`/api/v1/namespaces/${ns}/pods/${name}`)).json;
const boundNode = (ns: string, name: string, ms?: number) =>
  eventually(async () => ((await getPod(ns, name))?.spec?.nodeName as string | undefined) || undefined, ms);
const podScheduled = (pod: { status?: { conditions?: { type: string }[] } }) => pod.status?.conditions?.find((c) => c.type === 'PodScheduled') as
  | { status: string; reason?: string; message?: string }
  | undefined;
async function events(ns: string, reason: string, pod?: string) {
  const all = (await stack.client.get(`/api/v1/namespaces/${ns}/events`)).json.items as { reason: string; message: string; involvedObject: { name: string } }[];
  return all.filter((e) => e.reason === reason && (pod === undefined || e.involvedObject.name === pod));
}
const createNs = async (name: string) => expect((await stack.client.post('/api/v1/namespaces', { metadata: { name } })).status).toBe(201);
const schedulerState = async () => (await (await stack.componentsMf.getWorker('kubeflare-scheduler')).fetch('http://scheduler.internal/state')).json() as Promise<Record<string, unknown>>;

describe('scheduler', () => {
  it('reports an unplaceable pod the way upstream does, and places it once a node fits', async () => {
    await createNs('fit');
    await createNode('n1');
    await createNode('n2');
    await createPod('fit', 'big', '3');
    const cond = await eventually(async () => {
      const c = podScheduled(await getPod('fit', 'big'));
      return c?.status === 'False' ? c : undefined;
    });
    // Upstream's text, including its preemption suffix (and that suffix's doubled period).
    const message = '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..';
    expect(cond).toMatchObject({ reason: 'Unschedulable', message });
    const failed = await eventually(async () => (await events('fit', 'FailedScheduling', 'big'))[0]);
    expect(failed.message).toBe(message);

    // Pods with requests land on nodes with room.
    await createPod('fit', 'small-a', '1500m');
    await createPod('fit', 'small-b', '1500m');
    const [a, b] = await Promise.all([boundNode('fit', 'small-a'), boundNode('fit', 'small-b')]);
    expect(new Set([a, b])).toEqual(new Set(['n1', 'n2']));

    await createNode('n3', { cpu: '4' });
    expect(await boundNode('fit', 'big')).toBe('n3');
    const big = await getPod('fit', 'big');
    expect(podScheduled(big)?.status).toBe('True');
    const ok = await eventually(async () => (await events('fit', 'Scheduled', 'big'))[0]);
    expect(ok.message).toBe('Successfully assigned fit/big to n3');
  });

  it('respects nodeSelector and tolerations', async () => {
    await createNs('sel');
    await createNode('ssd', { labels: { disk: 'ssd' } });
    await createNode('gpu', { labels: { accel: 'gpu' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    await createPod('sel', 'wants-ssd', '100m', { nodeSelector: { disk: 'ssd' } });
    await createPod('sel', 'tolerates', '100m', { nodeSelector: { accel: 'gpu' }, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] });
    await createPod('sel', 'intolerant', '100m', { nodeSelector: { accel: 'gpu' } });
    expect(await boundNode('sel', 'wants-ssd')).toBe('ssd');
    expect(await boundNode('sel', 'tolerates')).toBe('gpu');
    const prefix = "0/5 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 4 node(s) didn't match Pod's node affinity/selector.";
    const cond = await eventually(async () => {
      const c = podScheduled(await getPod('sel', 'intolerant'));
      return c?.status === 'False' && c.message?.startsWith(prefix) ? c : undefined;
    });
    expect(cond.reason).toBe('Unschedulable');
    expect((await getPod('sel', 'intolerant')).spec.nodeName).toBeUndefined();
  });

  it('leaves pods of another scheduler alone', async () => {
    await createNs('other');
    await createPod('other', 'mine', undefined);
    await createPod('other', 'theirs', undefined, { schedulerName: 'my-scheduler' });
    await boundNode('other', 'mine');
    await new Promise((r) => setTimeout(r, 1500));
    const theirs = await getPod('other', 'theirs');
    expect(theirs.spec.nodeName).toBeUndefined();
    expect(podScheduled(theirs)).toBeUndefined();
    expect(await events('other', 'FailedScheduling', 'theirs')).toEqual([]);
  });

  it('preempts a lower-priority pod for a higher-priority one', async () => {
    await createNs('pre');
    const taints = [{ key: 'pre', effect: 'NoSchedule' }];
    const onPool = { nodeSelector: { pool: 'pre' }, tolerations: [{ key: 'pre', operator: 'Exists', effect: 'NoSchedule' }] };
    await createNode('pre0', { cpu: '1', labels: { pool: 'pre' }, taints });
    // Priority comes from a PriorityClass (the Priority admission resolves spec.priority from it).
    const pc = await stack.client.post('/apis/scheduling.k8s.io/v1/priorityclasses', { metadata: { name: 'sched-test-high' }, value: 1000 });
    expect(pc.status, pc.text).toBe(201);
    await createPod('pre', 'low', '800m', onPool);
    expect(await boundNode('pre', 'low')).toBe('pre0');
    await createPod('pre', 'high', '800m', { ...onPool, priorityClassName: 'sched-test-high' });
    const high = await eventually(async () => {
      const p = await getPod('pre', 'high');
      return p.status?.nominatedNodeName ? p : undefined;
    });
    expect(high.status.nominatedNodeName).toBe('pre0');
    // The victim is evicted (a bound pod waits for its kubelet; there is none here, so finish it).
    await eventually(async () => {
      const low = await stack.client.get('/api/v1/namespaces/pre/pods/low');
      return low.status === 404 || low.json.metadata.deletionTimestamp ? true : undefined;
    });
    // Events are recorded in the background, not in the eviction's request.
    expect((await eventually(async () => (await events('pre', 'Preempted', 'low'))[0], 30_000, 'the Preempted event')).message).toMatch(/^Preempted by pod .* on node pre0$/);
    await stack.client.delete('/api/v1/namespaces/pre/pods/low?gracePeriodSeconds=0');
    expect(await boundNode('pre', 'high')).toBe('pre0');
  });

  it('binds a burst of 100 pods on 10 nodes exactly once, never over capacity', async () => {
    await createNs('burst');
    const taints = [{ key: 'burst', effect: 'NoSchedule' }];
    await Promise.all(Array.from({ length: 10 }, (_, i) => createNode(`b${i}`, { cpu: '1', labels: { pool: 'burst' }, taints })));
    const before = await schedulerState();
    const t0 = Date.now();
    // 10 × 100m fill each node exactly: any double count or lost reservation shows up as a misfit.
    // Created 25 at a time: a burst of 100 concurrent connections is a load test of the test machine.
    for (let batch = 0; batch < 4; batch++) {
      await Promise.all(
        Array.from({ length: 25 }, (_, j) =>
          createPod('burst', `p${batch * 25 + j}`, '100m', { nodeSelector: { pool: 'burst' }, tolerations: [{ key: 'burst', operator: 'Exists', effect: 'NoSchedule' }] }),
        ),
      );
    }
    const created = Date.now();
    const items = await eventually(async () => {
      const list = (await stack.client.get('/api/v1/namespaces/burst/pods')).json.items as { metadata: { name: string }; spec: { nodeName?: string } }[];
      return list.length === 100 && list.every((p) => p.spec.nodeName) ? list : undefined;
    }, 40_000);
    const elapsed = Date.now() - t0;
    const perNode = new Map<string, number>();
    for (const p of items) perNode.set(p.spec.nodeName!, (perNode.get(p.spec.nodeName!) ?? 0) + 1);
    expect([...perNode.keys()].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `b${i}`).sort());
    expect([...perNode.values()].every((n) => n === 10)).toBe(true);
    // Exactly one successful binding per pod.
    const scheduled = await eventually(async () => {
      const ev = await events('burst', 'Scheduled');
      return ev.length >= 100 ? ev : undefined;
    });
    const perPod = new Map<string, number>();
    for (const e of scheduled) perPod.set(e.involvedObject.name, (perPod.get(e.involvedObject.name) ?? 0) + 1);
    expect(perPod.size).toBe(100);
    expect([...perPod.values()].every((n) => n === 1)).toBe(true);
    const after = await schedulerState();
    expect(Number(after.bound) - Number(before.bound)).toBe(100);
    console.log(`burst: 100 pods created in ${created - t0} ms, all bound after ${elapsed} ms; scheduler state ${JSON.stringify(after)}`);
  });
});
