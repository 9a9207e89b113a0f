// The index must add up to exactly what upstream's PreFilter and PreScore scans add up, whatever happens to the
// snapshot between cycles: pods bound, assumed, forgotten and deleted, node labels changed, nodes gone,
// namespace labels changed. Checked against the scan (updateWithPod over every placed pod) in a
// seeded random walk.
import { describe, expect, it } from 'vitest';
import type { Cycle } from '../../framework/interfaces';
import { getPodInfo, termMatches } from '../../framework/pod-info';
import { seededRng } from '../../framework/rng';
import { Snapshot } from '../../framework/snapshot';
import { node, pod } from '../../framework/testing';
import type { Pod, PodAffinityTerm } from '../../framework/types';
import { TopologyCounts } from './counts';
import { FilterState, preFilter, updateWithPod } from './filtering';
import { preScore, ScoreState } from './scoring';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const APPS = ['web', 'db', 'cache'];

/** The same by going over every placed pod, as upstream does (what the index is tested against). */
function preScoreByScan(cycle: Cycle, hardPodAffinityWeight: number): ScoreState | null {
  const incoming = cycle.podInfo;
  const ns = cycle.snapshot.namespaceLabels;
  const scores = new TopologyCounts();
  const add = (labels: Record<string, string>, key: string, w: number) => {
    const v = labels[key];
    if (v !== undefined && w !== 0) scores.add(key, v, w);
  };
  for (const ni of cycle.snapshot.nodes) {
    for (const existing of ni.pods) {
      const labels = ni.labels;
      for (const t of incoming.preferredAffinity) if (termMatches(t, existing, ns)) add(labels, t.topologyKey, t.weight);
      for (const t of incoming.preferredAntiAffinity) if (termMatches(t, existing, ns)) add(labels, t.topologyKey, -t.weight);
      if (hardPodAffinityWeight > 0) for (const t of existing.requiredAffinity) if (termMatches(t, incoming, ns)) add(labels, t.topologyKey, hardPodAffinityWeight);
      for (const t of existing.preferredAffinity) if (termMatches(t, incoming, ns)) add(labels, t.topologyKey, t.weight);
      for (const t of existing.preferredAntiAffinity) if (termMatches(t, incoming, ns)) add(labels, t.topologyKey, -t.weight);
    }
  }
  return scores.size === 0 ? null : new ScoreState(scores);
}

const flat = (c: TopologyCounts) =>
  [...c.byKey].flatMap(([k, m]) => [...m].filter(([, n]) => n !== 0).map(([v, n]) => `${k}=${v}:${n}`)).sort();

function scan(snapshot: Snapshot, incoming: Pod): FilterState {
  const info = getPodInfo(incoming);
  const s = new FilterState(new TopologyCounts(), new TopologyCounts(), new TopologyCounts(), false);
  for (const ni of snapshot.nodes) for (const p of ni.pods) updateWithPod(s, info, p, ni.labels, 1, snapshot.namespaceLabels);
  return s;
}

describe('InterPodAffinity term index', () => {
  it('adds up to the scan of every placed pod after any sequence of snapshot changes', () => {
    const rng = seededRng(11);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
    const term = (): PodAffinityTerm => {
      const t: PodAffinityTerm = { topologyKey: pick([ZONE, HOST, 'rack']), labelSelector: { matchLabels: { app: pick(APPS) } } };
      const r = rng();
      if (r < 0.2) t.namespaces = ['other'];
      else if (r < 0.35) t.namespaceSelector = { matchLabels: { team: 'a' } };
      return t;
    };
    const makePod = (i: number): Pod => {
      const b = pod(`p${i}`, pick(['default', 'other'])).label('app', pick(APPS));
      const r = rng();
      if (r < 0.3) b.affinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term()] } });
      else if (r < 0.45) b.affinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: rng() < 0.5 ? [term()] : [term(), term()] } });
      const weighted = () => ({ weight: 1 + Math.floor(rng() * 3), podAffinityTerm: term() });
      if (rng() < 0.2) b.affinity({ podAffinity: { ...b.obj.spec.affinity?.podAffinity, preferredDuringSchedulingIgnoredDuringExecution: [weighted(), weighted()] } });
      if (rng() < 0.2) b.affinity({ podAntiAffinity: { ...b.obj.spec.affinity?.podAntiAffinity, preferredDuringSchedulingIgnoredDuringExecution: [weighted()] } });
      return b.obj;
    };
    const nodeNames = Array.from({ length: 8 }, (_, i) => `n${i}`);
    const makeNode = (name: string) => {
      const b = node(name).withZone(pick(['a', 'b', 'c']));
      if (rng() < 0.5) b.withLabel('rack', pick(['r1', 'r2']));
      return b.obj;
    };
    const snapshot = new Snapshot(nodeNames.map(makeNode));
    const placed = new Map<string, Pod>();
    let checked = 0;
    let scoredCycles = 0;
    for (let step = 0; step < 1500; step++) {
      const r = rng();
      if (r < 0.45) {
        const p = makePod(step);
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
      } else if (r < 0.77) {
        snapshot.setNamespaceLabels(pick(['default', 'other']), rng() < 0.5 ? { team: 'a' } : { team: 'b' });
      } else {
        // A cycle: the indexed PreFilter and PreScore must equal the scans.
        const incoming = makePod(10_000 + step);
        const info = getPodInfo(incoming);
        const cycle = { podInfo: info, snapshot } as unknown as Cycle;
        const scored = preScore(cycle, 2);
        const scannedScores = preScoreByScan(cycle, 2);
        expect(scored && flat(scored.scores)).toEqual(scannedScores && flat(scannedScores.scores));
        if (scannedScores) scoredCycles++;
        const got = preFilter(cycle);
        const want = scan(snapshot, incoming);
        const own = info.requiredAffinity.length + info.requiredAntiAffinity.length > 0;
        const anyAnti = snapshot.nodes.some((ni) => ni.podsWithRequiredAntiAffinity.length > 0);
        if (!own && !anyAnti) {
          expect(got).toBeNull();
          continue;
        }
        expect(got).not.toBeNull();
        expect(flat(got!.existingAnti)).toEqual(flat(want.existingAnti));
        expect(flat(got!.affinity)).toEqual(flat(want.affinity));
        expect(flat(got!.anti)).toEqual(flat(want.anti));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(scoredCycles).toBeGreaterThan(50);
  });

  it('hands each cycle its own counts: a preemption dry run does not change the next cycle', () => {
    const snapshot = new Snapshot([node('n1').withZone('a').obj]);
    snapshot.addPod(pod('db').label('app', 'db').on('n1').obj);
    const incoming = pod('p').affinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: ZONE, labelSelector: { matchLabels: { app: 'db' } } }] } }).obj;
    const cycle = { podInfo: getPodInfo(incoming), snapshot } as unknown as Cycle;
    const first = preFilter(cycle)!;
    expect(first.affinity.get(ZONE, 'a')).toBe(1);
    updateWithPod(first, cycle.podInfo, getPodInfo(pod('db').label('app', 'db').on('n1').obj), { [ZONE]: 'a' }, -1);
    expect(first.affinity.get(ZONE, 'a')).toBe(0);
    expect(preFilter(cycle)!.affinity.get(ZONE, 'a')).toBe(1);
  });

  it("counts again when a namespace's labels change what a namespaceSelector selects", () => {
    const snapshot = new Snapshot([node('n1').withZone('a').obj]);
    snapshot.setNamespaceLabels('other', { team: 'b' });
    snapshot.addPod(pod('w', 'other').label('app', 'web').on('n1').obj);
    const t: PodAffinityTerm = { topologyKey: ZONE, labelSelector: { matchLabels: { app: 'web' } }, namespaceSelector: { matchLabels: { team: 'a' } } };
    const cycle = { podInfo: getPodInfo(pod('p').affinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [t] } }).obj), snapshot } as unknown as Cycle;
    expect(preFilter(cycle)!.anti.get(ZONE, 'a')).toBe(0);
    snapshot.setNamespaceLabels('other', { team: 'a' });
    expect(preFilter(cycle)!.anti.get(ZONE, 'a')).toBe(1);
  });
});
