import { describe, expect, it } from 'vitest';
import { preempt } from '../../framework/preempt';
import { seededRng } from '../../framework/rng';
import { Snapshot } from '../../framework/snapshot';
import { node, pod } from '../../framework/testing';
import { scheduleOne } from '../../framework/schedule-one';
import { defaultProfile } from '../../framework/profile';

const names = (r: ReturnType<typeof preempt>) => ('victims' in r ? { node: r.node, victims: r.victims.map((v) => v.metadata.name) } : r);
const cpuNode = (n: string) => node(n).withAllocatable({ cpu: '2' });

describe('DefaultPreemption', () => {
  it('picks the node where the fewest lowest-priority pods must go', () => {
    const snap = new Snapshot(
      [cpuNode('n1').obj, cpuNode('n2').obj],
      [
        pod('a').req({ cpu: '1' }).priority(1).on('n1').obj,
        pod('b').req({ cpu: '1' }).priority(1).on('n1').obj,
        pod('c').req({ cpu: '2' }).priority(1).on('n2').obj,
      ],
    );
    expect(names(preempt(pod('p').req({ cpu: '2' }).priority(10).obj, snap, { rng: seededRng(1) }))).toEqual({ node: 'n2', victims: ['c'] });
  });

  it('prefers evicting lower-priority victims over fewer higher-priority ones', () => {
    const snap = new Snapshot(
      [cpuNode('n1').obj, cpuNode('n2').obj],
      [pod('hi').req({ cpu: '2' }).priority(5).on('n1').obj, pod('lo1').req({ cpu: '1' }).priority(1).on('n2').obj, pod('lo2').req({ cpu: '1' }).priority(1).on('n2').obj],
    );
    expect(names(preempt(pod('p').req({ cpu: '2' }).priority(10).obj, snap, { rng: seededRng(1) }))).toEqual({ node: 'n2', victims: ['lo1', 'lo2'] });
  });

  it('reprieves the pods it does not need to evict, most important first', () => {
    const snap = new Snapshot(
      [cpuNode('n1').obj],
      [pod('keep').req({ cpu: '1' }).priority(3).on('n1').obj, pod('go').req({ cpu: '1' }).priority(2).on('n1').obj],
    );
    expect(names(preempt(pod('p').req({ cpu: '1' }).priority(10).obj, snap))).toEqual({ node: 'n1', victims: ['go'] });
  });

  it('avoids violating a PodDisruptionBudget when another node works', () => {
    const snap = new Snapshot(
      [cpuNode('n1').obj, cpuNode('n2').obj],
      [pod('guarded').label('app', 'db').req({ cpu: '2' }).priority(1).on('n1').obj, pod('free').req({ cpu: '2' }).priority(2).on('n2').obj],
    );
    const pdbs = [{ namespace: 'default', selector: { matchLabels: { app: 'db' } }, disruptionsAllowed: 0 }];
    expect(names(preempt(pod('p').req({ cpu: '2' }).priority(10).obj, snap, { pdbs, rng: seededRng(1) }))).toEqual({ node: 'n2', victims: ['free'] });
  });

  it('never evicts pods of equal or higher priority', () => {
    const snap = new Snapshot([cpuNode('n1').obj], [pod('peer').req({ cpu: '2' }).priority(10).on('n1').obj]);
    const r = scheduleOne(pod('p').req({ cpu: '2' }).priority(10).obj, snap, defaultProfile());
    expect('unschedulable' in r && r.unschedulable.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..',
    );
  });

  it('records the nominated node on the diagnosis', () => {
    const snap = new Snapshot([cpuNode('n1').obj], [pod('lo').req({ cpu: '2' }).on('n1').obj]);
    const r = scheduleOne(pod('p').req({ cpu: '2' }).priority(100).obj, snap, defaultProfile());
    expect('unschedulable' in r && r.unschedulable.nominatedNodeName).toBe('n1');
  });

  it('a pod with preemptionPolicy Never does not preempt', () => {
    const snap = new Snapshot([cpuNode('n1').obj], [pod('lo').req({ cpu: '2' }).on('n1').obj]);
    const p = pod('p').req({ cpu: '2' }).priority(100).set((x) => (x.spec.preemptionPolicy = 'Never'));
    const r = scheduleOne(p.obj, snap, defaultProfile());
    expect('unschedulable' in r && r.unschedulable.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..');
  });

  it('keeps anti-affinity in mind: evicting the conflicting pod makes room', () => {
    const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } }] } };
    const snap = new Snapshot([node('n1').obj], [pod('w').label('app', 'web').priority(1).on('n1').obj, pod('other').priority(1).on('n1').obj]);
    expect(names(preempt(pod('p').affinity(anti).priority(10).obj, snap))).toEqual({ node: 'n1', victims: ['w'] });
  });
});
