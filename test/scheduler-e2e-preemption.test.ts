// End to end on the local stack: a pod that fits nowhere explains itself in upstream's words and is
// placed as soon as a node fits; a high-priority pod preempts the fewest, least important pods and
// only those; a scheduler restarted twice in the middle of a burst loses no pod and binds none twice,
// and never touches the pods of another scheduler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './eventually';
import type { TestStack } from './harness';
import {
  bindingWrites,
  boundNode,
  createNs,
  createPod,
  events,
  get,
  getPod,
  GPU_TAINT,
  node,
  podScheduled,
  restartScheduler,
  schedulerState,
  startSchedulerTestBed,
  unschedulable,
  type SchedulerTestBed,
} from './scheduler-fixtures';

let bed: SchedulerTestBed;
let stack: TestStack;

// The first test needs exactly these three nodes; later tests add their own (tainted) pools.
beforeAll(async () => {
  bed = await startSchedulerTestBed([node('small', { cpu: '1' }), node('gpu-1', { taints: [GPU_TAINT] }), node('gpu-2', { taints: [GPU_TAINT] })]);
  stack = bed.stack;
});
afterAll(async () => {
  await bed?.close();
});

/** Nodes only pods that tolerate `pool` (and select it) go to. */
const pool = (name: string) => ({
  labels: { pool: name },
  taints: [{ key: 'pool', value: name, effect: 'NoSchedule' as const }],
});
const onPool = (name: string, host?: string) => ({
  nodeSelector: { pool: name, ...(host ? { 'kubernetes.io/hostname': host } : {}) },
  tolerations: [{ key: 'pool', operator: 'Equal', value: name, effect: 'NoSchedule' }],
});

describe('scheduler: unschedulable pods, preemption, restarts (end to end)', () => {
  it("reports upstream's condition and event for a pod that fits nowhere, and places it once a node fits", async () => {
    await createNs(stack, 'wait');
    await createPod(stack, 'wait', 'wide', { cpu: '2' });
    const message =
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {dedicated: gpu}. ' +
      'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling..';
    const cond = await unschedulable(stack, 'wait', 'wide');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    const failed = await eventually(async () => (await events(stack, 'wait', 'FailedScheduling', 'wide'))[0], 30_000, 'FailedScheduling');
    expect(failed).toMatchObject({ type: 'Warning', message });

    await bed.addNodes([node('roomy', { cpu: '4' })]);
    expect(await boundNode(stack, 'wait', 'wide')).toBe('roomy');
    expect(podScheduled(await getPod(stack, 'wait', 'wide'))?.status).toBe('True');
    const ok = await eventually(async () => (await events(stack, 'wait', 'Scheduled', 'wide'))[0], 30_000, 'Scheduled');
    expect(ok.message).toBe('Successfully assigned wait/wide to roomy');
  });

  it('preempts the fewest, lowest-priority pods through eviction, nominates their node, then binds there', async () => {
    // pre-1 holds one mid pod, pre-2 two low pods, pre-3 four low pods; every node is full.
    await bed.addNodes(['pre-1', 'pre-2', 'pre-3'].map((n) => node(n, { cpu: '2', ...pool('pre') })));
    for (const [name, value] of [['low', 10], ['mid', 100], ['high', 1000]] as const) {
      const r = await stack.client.post('/apis/scheduling.k8s.io/v1/priorityclasses', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value });
      expect(r.status, r.text).toBe(201);
    }
    // spec.priority is given alongside the class (equal, as the Priority admission plugin accepts) so
    // the test does not depend on that plugin, which the API does not have yet.
    const prio = (cls: 'low' | 'mid' | 'high') => ({ priorityClassName: cls, priority: { low: 10, mid: 100, high: 1000 }[cls] });
    await createNs(stack, 'pre');
    const residents: [string, string, string, 'low' | 'mid'][] = [
      ['mid-1', 'pre-1', '2', 'mid'],
      ['low-1', 'pre-2', '1', 'low'],
      ['low-2', 'pre-2', '1', 'low'],
      ...[3, 4, 5, 6].map((i) => [`low-${i}`, 'pre-3', '500m', 'low'] as [string, string, string, 'low']),
    ];
    await Promise.all(residents.map(([name, host, cpu, cls]) => createPod(stack, 'pre', name, { cpu, spec: { ...onPool('pre', host), ...prio(cls) } })));
    for (const [name, host] of residents) expect(await boundNode(stack, 'pre', name)).toBe(host);

    // Evicting from pre-2 costs two pods of priority 10; pre-1 would cost a priority-100 pod, and
    // pre-3 four pods: upstream picks the lowest top priority, then the lowest priority sum.
    await createPod(stack, 'pre', 'urgent', { cpu: '2', spec: { ...onPool('pre'), ...prio('high') } });
    const nominated = await eventually(async () => (await getPod(stack, 'pre', 'urgent')).status?.nominatedNodeName as string | undefined, 30_000, 'nomination');
    expect(nominated).toBe('pre-2');
    const preempted = await eventually(async () => {
      const ev = await events(stack, 'pre', 'Preempted');
      return ev.length >= 2 ? ev : undefined;
    });
    expect(preempted.map((e) => e.involvedObject.name).sort()).toEqual(['low-1', 'low-2']);
    for (const e of preempted) expect(e.message).toMatch(/^Preempted by pod [0-9a-f-]+ on node pre-2$/);

    // The simulated kubelet finishes the victims' deletion; the preemptor then binds where it was nominated.
    expect(await boundNode(stack, 'pre', 'urgent')).toBe('pre-2');
    for (const name of ['low-1', 'low-2']) expect((await stack.client.get(`/api/v1/namespaces/pre/pods/${name}`)).status).toBe(404);
    for (const [name, host] of residents.filter(([n]) => n !== 'low-1' && n !== 'low-2')) {
      const p = await getPod(stack, 'pre', name);
      expect(p.spec.nodeName).toBe(host);
      expect(p.metadata.deletionTimestamp).toBeUndefined();
    }
  });

  it('loses no pod and binds none twice when restarted twice in the middle of a burst, and leaves other schedulers\' pods alone', async () => {
    // 6 nodes × 1 cpu and 60 pods × 100m: any double-counted or leaked reservation shows as a misfit.
    const nodes = Array.from({ length: 6 }, (_, i) => `burst-${i}`);
    await bed.addNodes(nodes.map((n) => node(n, { cpu: '1', ...pool('burst') })));
    await createNs(stack, 'burst');
    const names = Array.from({ length: 60 }, (_, i) => `p${i}`);
    const others = ['x0', 'x1', 'x2'];
    // Ten creates in flight at a time: the burst keeps coming while the scheduler restarts.
    const todo = [...others.map((n) => ({ n, other: true })), ...names.map((n) => ({ n, other: false }))];
    const created = Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let t = todo.shift(); t; t = todo.shift())
          await createPod(stack, 'burst', t.n, { cpu: '100m', spec: { ...onPool('burst'), ...(t.other ? { schedulerName: 'other-scheduler' } : {}) } });
      }),
    );
    created.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
    const boundCount = async () => ((await get(stack, '/api/v1/namespaces/burst/pods')).json.items as { spec: { nodeName?: string } }[]).filter((p) => p.spec.nodeName).length;
    const atLeast = (n: number) => eventually(async () => ((await boundCount()) >= n ? true : undefined), 60_000, `${n} pods bound`);
    await atLeast(6);
    await restartScheduler(stack);
    await atLeast(30);
    await restartScheduler(stack);
    await created;

    const pods = await eventually(
      async () => {
        const items = (await get(stack, '/api/v1/namespaces/burst/pods')).json.items as { metadata: { name: string }; spec: { nodeName?: string; schedulerName: string } }[];
        const ours = items.filter((p) => p.spec.schedulerName === 'default-scheduler');
        return ours.length === 60 && ours.every((p) => p.spec.nodeName) ? items : undefined;
      },
      60_000,
      'all 60 pods bound',
    );
    const perNode = new Map<string, number>();
    for (const p of pods) if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    expect(Object.fromEntries(perNode)).toEqual(Object.fromEntries(nodes.map((n) => [n, 10])));

    // The change log has exactly one binding write per pod (one transition to a node, never a second).
    const writes = await bindingWrites(stack, 'burst');
    const bound = [...writes.values()].filter((w) => !others.includes(w.name));
    expect(bound).toHaveLength(60);
    for (const w of bound) expect(w.nodes, w.name).toHaveLength(1);

    // The instance that finished is not the one that started: it bound only part of the burst.
    const state = await schedulerState(stack);
    expect(Number(state.bound)).toBeLessThan(60);

    for (const name of others) {
      const p = await getPod(stack, 'burst', name);
      expect(p.spec.nodeName).toBeUndefined();
      expect(podScheduled(p)).toBeUndefined();
      expect(writes.get(p.metadata.uid)?.nodes ?? []).toEqual([]);
    }
    expect((await events(stack, 'burst', 'FailedScheduling')).filter((e) => others.includes(e.involvedObject.name))).toEqual([]);
  });
});
