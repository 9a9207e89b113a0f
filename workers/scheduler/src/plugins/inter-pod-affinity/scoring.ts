// Preferred pod affinity: a score per topology domain from the incoming pod's preferred terms and from
// existing pods' terms that match the incoming pod; min-max normalized.
import type { StateData } from '../../framework/cycle-state';
import type { Cycle } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { termMatches, type PodInfo } from '../../framework/pod-info';
import { MAX_NODE_SCORE } from '../../framework/types';
import { TopologyCounts } from './counts';

export class ScoreState implements StateData {
  constructor(readonly scores: TopologyCounts) {}
  clone(): StateData {
    return this;
  }
}

export function preScore(cycle: Cycle, hardPodAffinityWeight: number): ScoreState | null {
  const incoming = cycle.podInfo;
  const ns = cycle.snapshot.namespaceLabels;
  const hasOwn = incoming.preferredAffinity.length + incoming.preferredAntiAffinity.length > 0;
  const scores = new TopologyCounts();
  const add = (labels: Record<string, string>, key: string, w: number) => {
    const v = labels[key];
    if (v !== undefined && w !== 0) scores.add(key, v, w);
  };
  const process = (existing: PodInfo, labels: Record<string, string>) => {
    for (const t of incoming.preferredAffinity) if (termMatches(t, existing, ns)) add(labels, t.topologyKey, t.weight);
    for (const t of incoming.preferredAntiAffinity) if (termMatches(t, existing, ns)) add(labels, t.topologyKey, -t.weight);
    if (existing.requiredAffinity.length + existing.preferredAffinity.length + existing.preferredAntiAffinity.length === 0) return;
    if (hardPodAffinityWeight > 0) for (const t of existing.requiredAffinity) if (termMatches(t, incoming, ns)) add(labels, t.topologyKey, hardPodAffinityWeight);
    for (const t of existing.preferredAffinity) if (termMatches(t, incoming, ns)) add(labels, t.topologyKey, t.weight);
    for (const t of existing.preferredAntiAffinity) if (termMatches(t, incoming, ns)) add(labels, t.topologyKey, -t.weight);
  };
  // Without preferences of its own, only nodes hosting pods with affinity terms can matter (an index).
  for (const ni of hasOwn ? cycle.snapshot.nodes : cycle.snapshot.nodesWithAffinity()) {
    for (const p of hasOwn ? ni.pods : ni.podsWithAffinity) process(p, ni.labels);
  }
  return scores.size === 0 ? null : new ScoreState(scores);
}

export function score(s: ScoreState, ni: NodeInfo): number {
  let total = 0;
  for (const [key, m] of s.scores.byKey) {
    const v = ni.labels[key];
    if (v !== undefined) total += m.get(v) ?? 0;
  }
  return total;
}

export function normalize(scores: Float64Array): void {
  let min = Infinity;
  let max = -Infinity;
  for (const v of scores) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc((MAX_NODE_SCORE * (scores[i] - min)) / diff) : 0;
}
