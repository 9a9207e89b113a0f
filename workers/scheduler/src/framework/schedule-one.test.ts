import { describe, expect, it } from 'vitest';
import { podScheduledCondition } from './condition';
import { customizeProfile, defaultProfile } from './profile';
import { seededRng } from './rng';
import { scheduleOne } from './schedule-one';
import { Snapshot } from './snapshot';
import { node, pod } from './testing';
import { numFeasibleNodesToFind } from './num-feasible';

const opts = () => ({ rng: seededRng(1) });

describe('scheduleOne', () => {
  it('binds a pod to the only node that fits and reports PodScheduled True', () => {
    const snap = new Snapshot([node('n1').withAllocatable({ cpu: '1' }).obj, node('n2').obj]);
    const r = scheduleOne(pod('p').req({ cpu: '2' }).obj, snap, defaultProfile(), opts());
    expect(r).toMatchObject({ node: 'n2' });
    expect(podScheduledCondition(r)).toEqual({ type: 'PodScheduled', status: 'True' });
  });

  it("explains a pod that fits nowhere in upstream's words, reasons sorted", () => {
    const snap = new Snapshot([
      node('n1').withAllocatable({ cpu: '1' }).obj,
      node('n2').withTaint('dedicated', 'gpu').obj,
      node('n3').withTaint('dedicated', 'gpu').obj,
    ]);
    const r = scheduleOne(pod('p').req({ cpu: '2' }).obj, snap, defaultProfile(), opts());
    expect(podScheduledCondition(r)).toEqual({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message:
        '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {dedicated: gpu}. ' +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling..',
    });
  });

  it('counts the nodes it rejected on the way among those evaluated when it places a pod', () => {
    const snap = new Snapshot([node('n1').withAllocatable({ cpu: '1' }).obj, node('n2').withTaint('dedicated', 'gpu').obj, node('n3').obj, node('n4').obj]);
    const r = scheduleOne(pod('p').req({ cpu: '2' }).obj, snap, defaultProfile(), opts());
    expect(r).toMatchObject({ feasibleNodes: 2, evaluatedNodes: 4 });
    expect(['n3', 'n4']).toContain('node' in r && r.node);
  });

  it('without PostFilter the message has no preemption part', () => {
    const snap = new Snapshot([node('n1').withAllocatable({ cpu: '1' }).obj]);
    const r = scheduleOne(pod('p').req({ cpu: '2' }).obj, snap, customizeProfile(defaultProfile(), { disable: ['DefaultPreemption'] }), opts());
    expect('unschedulable' in r && r.unschedulable.message).toBe('0/1 nodes are available: 1 Insufficient cpu.');
  });

  it('reports a PreFilter rejection once for all nodes', () => {
    const snap = new Snapshot([node('n1').obj, node('n2').obj]);
    const p = pod('p').affinity({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n9'] }] }] } },
    });
    const r = scheduleOne(p.obj, snap, defaultProfile(), opts());
    expect('unschedulable' in r && r.unschedulable.message).toBe(
      "0/2 nodes are available: 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..",
    );
  });

  it('leaves pods of other schedulers alone', () => {
    const r = scheduleOne(pod('p').set((x) => (x.spec.schedulerName = 'other')).obj, new Snapshot([node('n1').obj]), defaultProfile());
    expect(r).toEqual({ skipped: 'schedulerName is not default-scheduler' });
  });

  it('says so when there are no nodes', () => {
    const r = scheduleOne(pod('p').obj, new Snapshot(), defaultProfile());
    expect('unschedulable' in r && r.unschedulable.message).toBe('no nodes available to schedule pods');
  });

  it('prefers the node with more free resources under the default weights', () => {
    const snap = new Snapshot([node('busy').obj, node('idle').obj], [pod('e').req({ cpu: '3', memory: '6Gi' }).on('busy').obj]);
    expect(scheduleOne(pod('p').req({ cpu: '100m', memory: '100Mi' }).obj, snap, defaultProfile(), opts())).toMatchObject({ node: 'idle' });
  });

  it('an operator-set weight changes the outcome', () => {
    // ImageLocality alone favours the node with the image even though it is busier.
    const snap = new Snapshot([node('img').withImage('big:v1', 900 * 1024 * 1024).obj, node('plain').obj], [pod('e').req({ cpu: '2' }).on('img').obj]);
    const p = pod('p').image('big:v1').req({ cpu: '100m' });
    expect(scheduleOne(p.obj, snap, defaultProfile(), { ...opts(), assume: false })).toMatchObject({ node: 'plain' });
    const imageHeavy = customizeProfile(defaultProfile(), { weights: { ImageLocality: 10 } });
    expect(scheduleOne(p.obj, snap, imageHeavy, { ...opts(), assume: false })).toMatchObject({ node: 'img' });
  });

  it('assumes each scheduled pod so a burst never overcommits a node', () => {
    const snap = new Snapshot([node('n1').withAllocatable({ cpu: '1' }).obj, node('n2').withAllocatable({ cpu: '1' }).obj]);
    const results = [1, 2, 3].map((i) => scheduleOne(pod(`p${i}`).req({ cpu: '600m' }).obj, snap, defaultProfile(), opts()));
    expect(results.filter((r) => 'node' in r).map((r) => 'node' in r && r.node).sort()).toEqual(['n1', 'n2']);
    expect('unschedulable' in results[2]).toBe(true);
  });

  it('forgetting an assumed pod frees its resources', () => {
    const snap = new Snapshot([node('n1').withAllocatable({ cpu: '1' }).obj]);
    const a = pod('a').req({ cpu: '600m' }).obj;
    expect(scheduleOne(a, snap, defaultProfile(), opts())).toMatchObject({ node: 'n1' });
    expect(snap.isAssumed(a)).toBe(true);
    snap.forget(a);
    expect(snap.get('n1')!.requested.milliCPU).toBe(0);
    // Observing the real binding replaces the assumed copy without double counting.
    snap.assume(a, 'n1');
    snap.addPod({ ...a, spec: { ...a.spec, nodeName: 'n1' } });
    expect(snap.get('n1')!.requested.milliCPU).toBe(600);
    expect(snap.isAssumed(a)).toBe(false);
  });

  it('breaks ties reproducibly with a seeded rng', () => {
    const mk = () => new Snapshot(['n1', 'n2', 'n3', 'n4'].map((n) => node(n).obj));
    const run = () => scheduleOne(pod('p').obj, mk(), defaultProfile(), { rng: seededRng(7) });
    expect(run()).toEqual(run());
  });
});

describe('numFeasibleNodesToFind', () => {
  const cases: [number, number | undefined, number][] = [
    [50, undefined, 50],
    [100, undefined, 100],
    [1000, undefined, 420],
    [5000, undefined, 500],
    [10000, undefined, 500],
    [5000, 30, 1500],
    [200, 10, 100],
  ];
  for (const [n, pct, want] of cases) it(`${n} nodes at ${pct ?? 'the adaptive'}% → ${want}`, () => expect(numFeasibleNodesToFind(n, pct)).toBe(want));
});
