// The index must give exactly what upstream's PreFilter scan (every node, every pod on it) adds up,
// whatever happened to the snapshot between cycles: pods bound, assumed, forgotten, deleted or marked
// for deletion, node labels changed, nodes gone. Checked against the scan in a seeded random walk.
import { describe, expect, it } from 'vitest';
import type { Cycle } from '../../framework/interfaces';
import { getPodInfo } from '../../framework/pod-info';
import { seededRng } from '../../framework/rng';
import { Snapshot } from '../../framework/snapshot';
import { node, pod } from '../../framework/testing';
import type { Pod } from '../../framework/types';
import { constraintsOf } from './constraints';
import { SpreadCountIndex } from './count-index';
import { filter, preFilter, scanCounts } from './filtering';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const APPS = ['web', 'db'];

const flat = (counts: readonly Map<string, number>[]) => counts.map((m) => [...m].sort(([a], [b]) => (a < b ? -1 : 1)));

function cycleOf(snapshot: Snapshot, p: Pod): Cycle {
  return { pod: p, podInfo: getPodInfo(p), snapshot } as unknown as Cycle;
}

describe('PodTopologySpread count index', () => {
  it('gives the counts of a scan of every node after any sequence of snapshot changes', () => {
    const rng = seededRng(7);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
    const makePod = (i: number, withConstraints: boolean): Pod => {
      const b = pod(`p${i}`, pick(['default', 'other'])).label('app', pick(APPS)).label('ver', pick(['1', '2']));
      if (withConstraints) {
        const n = rng() < 0.7 ? 1 : 2;
        for (let k = 0; k < n; k++) {
          b.spread({
            maxSkew: 1,
            topologyKey: pick([ZONE, HOST, 'rack']),
            whenUnsatisfiable: 'DoNotSchedule',
            labelSelector: { matchLabels: { app: pick(APPS) } },
            ...(rng() < 0.3 ? { matchLabelKeys: ['ver'] } : {}),
            ...(rng() < 0.3 ? { nodeAffinityPolicy: 'Ignore' as const } : {}),
            ...(rng() < 0.2 ? { minDomains: 3 } : {}),
          });
        }
        if (rng() < 0.3) b.nodeSelector({ rack: pick(['r1', 'r2']) });
      }
      if (rng() < 0.1) b.set((p) => (p.metadata.deletionTimestamp = '2026-11-27T00:00:00Z'));
      return b.obj;
    };
    const nodeNames = Array.from({ length: 10 }, (_, i) => `n${i}`);
    const makeNode = (name: string) => {
      const b = node(name).withZone(pick(['a', 'b', 'c'])).withLabel(HOST, name);
      if (rng() < 0.6) b.withLabel('rack', pick(['r1', 'r2']));
      return b.obj;
    };
    const snapshot = new Snapshot(nodeNames.map(makeNode));
    const placed = new Map<string, Pod>();
    let checked = 0;
    for (let step = 0; step < 2000; step++) {
      const r = rng();
      if (r < 0.45) {
        const p = makePod(step, rng() < 0.3);
        const on = pick(nodeNames);
        if (rng() < 0.3) snapshot.assume(p, on);
        else snapshot.addPod({ ...p, spec: { ...p.spec, nodeName: on } });
        placed.set(`${p.metadata.namespace}/${p.metadata.name}`, p);
      } else if (r < 0.65 && placed.size > 0) {
        const [key, p] = pick([...placed]);
        if (rng() < 0.5) snapshot.forget(p);
        snapshot.removePod(p);
        placed.delete(key);
      } else if (r < 0.68) {
        snapshot.setNode(makeNode(pick(nodeNames)));
      } else if (r < 0.69) {
        snapshot.removeNode(pick(nodeNames));
      } else {
        const incoming = makePod(10_000 + step, true);
        const cycle = cycleOf(snapshot, incoming);
        const got = preFilter(cycle, snapshot.nodes)!;
        const constraints = constraintsOf(incoming, 'DoNotSchedule');
        const want = scanCounts(cycle, snapshot.nodes, constraints);
        // Every domain with its count, eligible ones with none included (their presence sets the minimum).
        expect(flat((got as unknown as { counts: Map<string, number>[] }).counts)).toEqual(flat(want));
        for (let i = 0; i < constraints.length; i++) {
          const mins = [...want[i].values()];
          const expected = want[i].size < constraints[i].minDomains ? 0 : mins.length ? Math.min(...mins) : 0;
          expect(got.minMatch(i)).toBe(expected);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('stays exact for count sets kept, evicted and built again (more than it keeps)', () => {
    const snapshot = new Snapshot([node('n1').withZone('a').obj, node('n2').withZone('b').obj]);
    const incoming = (i: number, ns = 'default') =>
      pod(`in${i}`, ns).spread({ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: `a${i % 80}` } } }).obj;
    const check = (p: Pod) => {
      const cycle = cycleOf(snapshot, p);
      const got = preFilter(cycle, snapshot.nodes)!;
      expect(flat((got as unknown as { counts: Map<string, number>[] }).counts)).toEqual(flat(scanCounts(cycle, snapshot.nodes, constraintsOf(p, 'DoNotSchedule'))));
    };
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 80; i++) check(incoming(i, i % 2 ? 'default' : 'other'));
      for (let i = 0; i < 80; i++) snapshot.addPod(pod(`r${round}-${i}`, i % 3 ? 'default' : 'other').label('app', `a${i}`).on(i % 2 ? 'n1' : 'n2').obj);
    }
    for (let i = 0; i < 80; i++) check(incoming(i, i % 2 ? 'default' : 'other'));
    // Evicted sets are no longer updated on every placement.
    const ix = SpreadCountIndex.of(snapshot) as unknown as { byNamespace: Map<string, Set<unknown>> };
    expect([...ix.byNamespace.values()].reduce((n, set) => n + set.size, 0)).toBe(64);
  });

  it('hands each cycle its own counts: a preemption dry run does not change the next cycle', () => {
    const snapshot = new Snapshot([node('n1').withZone('a').obj, node('n2').withZone('b').obj]);
    const web = pod('w1').label('app', 'web').on('n1').obj;
    snapshot.addPod(web);
    const incoming = pod('p').label('app', 'web').spread({ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }).obj;
    const cycle = cycleOf(snapshot, incoming);
    const first = preFilter(cycle, snapshot.nodes)!;
    expect(first.count(0, 'a')).toBe(1);
    expect(filter(first, snapshot.nodes.find((n) => n.name === 'n1')!).isSuccess()).toBe(false);
    first.update(getPodInfo(web), snapshot.nodes.find((n) => n.name === 'n1')!, 'default', -1);
    expect(first.count(0, 'a')).toBe(0);
    expect(filter(first, snapshot.nodes.find((n) => n.name === 'n1')!).isSuccess()).toBe(true);
    const next = preFilter(cycle, snapshot.nodes)!;
    expect(next.count(0, 'a')).toBe(1);
    expect(next.minMatch(0)).toBe(0);
  });

  it('scans constraints that honor taints (a taint change does not reset the index)', () => {
    const snapshot = new Snapshot([node('n1').withZone('a').obj, node('n2').withZone('b').obj]);
    snapshot.addPod(pod('w1').label('app', 'web').on('n2').obj);
    const incoming = pod('p').spread({ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, nodeTaintsPolicy: 'Honor' }).obj;
    const cycle = cycleOf(snapshot, incoming);
    expect(preFilter(cycle, snapshot.nodes)!.count(0, 'b')).toBe(1);
    snapshot.setNode(node('n2').withZone('b').withTaint('dedicated', 'x').obj);
    // n2 no longer counts: its taint is not tolerated.
    expect(preFilter(cycle, snapshot.nodes)!.count(0, 'b')).toBe(0);
  });
});
