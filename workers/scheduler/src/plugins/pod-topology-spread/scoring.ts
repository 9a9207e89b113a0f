// Soft constraints (ScheduleAnyway): fewer matching pods in a node's domains scores higher.
import type { StateData } from '../../framework/cycle-state';
import type { Cycle } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { requiredNodeAffinity } from '../../framework/node-selector';
import { LABEL_HOSTNAME, MAX_NODE_SCORE } from '../../framework/types';
import { constraintsOf, countOnNode, hasAllKeys, nodeCounts, type Constraint } from './constraints';

export class ScoreState implements StateData {
  constructor(
    readonly constraints: Constraint[],
    /** Per constraint: domain → matching pods (not used for hostname, counted per node instead). */
    readonly counts: Map<string, number>[],
    /** log(domains + 2): larger topologies weigh each pod less. */
    readonly weights: number[],
    readonly ignored: Set<string>,
  ) {}
  clone(): StateData {
    return this;
  }
}

export function preScore(cycle: Cycle, feasible: readonly NodeInfo[]): ScoreState | null {
  const { pod, podInfo, snapshot } = cycle;
  const constraints = constraintsOf(pod, 'ScheduleAnyway');
  if (constraints.length === 0) return null;
  const ignored = new Set<string>();
  const counts = constraints.map(() => new Map<string, number>());
  for (const ni of feasible) {
    if (!hasAllKeys(ni.labels, constraints)) {
      ignored.add(ni.name);
      continue;
    }
    for (let i = 0; i < constraints.length; i++) if (constraints[i].topologyKey !== LABEL_HOSTNAME) counts[i].set(ni.labels[constraints[i].topologyKey], 0);
  }
  const required = requiredNodeAffinity(pod);
  for (const ni of snapshot.nodes) {
    if (ni.pods.length === 0 || !hasAllKeys(ni.labels, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      if (c.topologyKey === LABEL_HOSTNAME) continue;
      const v = ni.labels[c.topologyKey];
      const cur = counts[i].get(v);
      // Only domains that hold a feasible node matter.
      if (cur === undefined || !nodeCounts(c, ni, pod, required)) continue;
      counts[i].set(v, cur + countOnNode(c, ni, podInfo.namespace));
    }
  }
  const weights = constraints.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? feasible.length - ignored.size : counts[i].size) + 2));
  return new ScoreState(constraints, counts, weights, ignored);
}

export function score(s: ScoreState, cycle: Cycle, ni: NodeInfo): number {
  if (s.ignored.has(ni.name)) return 0;
  let total = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    const v = ni.labels[c.topologyKey];
    if (v === undefined) continue;
    const cnt = c.topologyKey === LABEL_HOSTNAME ? countOnNode(c, ni, cycle.podInfo.namespace) : (s.counts[i].get(v) ?? 0);
    total += cnt * s.weights[i] + (c.maxSkew - 1);
  }
  return Math.round(total);
}

/** Fewest matching pods → 100; ignored nodes (missing a topology key) → 0. */
export function normalize(s: ScoreState, scores: Float64Array, nodes: readonly NodeInfo[]): void {
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < scores.length; i++) {
    if (s.ignored.has(nodes[i].name)) continue;
    if (scores[i] < min) min = scores[i];
    if (scores[i] > max) max = scores[i];
  }
  for (let i = 0; i < scores.length; i++) {
    if (s.ignored.has(nodes[i].name)) scores[i] = 0;
    else if (max === 0) scores[i] = MAX_NODE_SCORE;
    else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
  }
}
