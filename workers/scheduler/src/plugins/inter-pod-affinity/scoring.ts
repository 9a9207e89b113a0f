// Preferred pod affinity: a score per topology domain from the incoming pod's preferred terms and from
// existing pods' terms that match the incoming pod; min-max normalized.
import type { StateData } from '../../framework/cycle-state';
import type { Cycle } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { MAX_NODE_SCORE } from '../../framework/types';
import { TopologyCounts } from './counts';
import { AffinityTermIndex } from './term-index';

export class ScoreState implements StateData {
  constructor(readonly scores: TopologyCounts) {}
  clone(): StateData {
    return this;
  }
}

export function preScore(cycle: Cycle, hardPodAffinityWeight: number): ScoreState | null {
  const incoming = cycle.podInfo;
  const index = AffinityTermIndex.of(cycle.snapshot);
  const scores = new TopologyCounts();
  const addAll = (counts: TopologyCounts, w: number) => {
    if (w === 0) return;
    for (const [k, m] of counts.byKey) for (const [v, n] of m) scores.add(k, v, w * n);
  };
  for (const t of incoming.preferredAffinity) addAll(index.matchingAll([t]), t.weight);
  for (const t of incoming.preferredAntiAffinity) addAll(index.matchingAll([t]), -t.weight);
  index.addExisting('requiredAffinity', incoming, scores, hardPodAffinityWeight);
  index.addExisting('preferredAffinity', incoming, scores);
  index.addExisting('preferredAntiAffinity', incoming, scores, -1);
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
