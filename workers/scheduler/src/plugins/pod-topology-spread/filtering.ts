// Hard constraints (DoNotSchedule): counts of matching pods per topology domain, computed at PreFilter
// and kept current by preemption's add/remove dry runs.
import { matchesLabels } from '../../../../kube/selectors/labels';
import type { StateData } from '../../framework/cycle-state';
import type { Cycle } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { requiredNodeAffinity } from '../../framework/node-selector';
import type { PodInfo } from '../../framework/pod-info';
import { Code, fixed, SUCCESS, type Status } from '../../framework/status';
import { constraintsOf, countOnNode, hasAllKeys, nodeCounts, podCounts, type Constraint } from './constraints';

export const name = 'PodTopologySpread';
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;
const REJECT = fixed(Code.Unschedulable, ERR_REASON_CONSTRAINTS_NOT_MATCH, name);
const MISSING_LABEL = fixed(Code.UnschedulableAndUnresolvable, ERR_REASON_NODE_LABEL_NOT_MATCH, name);

export class FilterState implements StateData {
  /** Per constraint: domain value → matching pods. Eligible domains with no pods are present with 0. */
  private mins: number[] | null = null;
  constructor(
    readonly constraints: Constraint[],
    readonly counts: Map<string, number>[],
    readonly selfMatch: number[],
  ) {}

  clone(): FilterState {
    return new FilterState(this.constraints, this.counts.map((m) => new Map(m)), this.selfMatch);
  }

  /** Smallest domain count per constraint (0 when fewer domains than minDomains), cached until counts change. */
  minMatch(i: number): number {
    if (!this.mins) {
      this.mins = this.counts.map((m, j) => {
        if (m.size < this.constraints[j].minDomains) return 0;
        let min = Infinity;
        for (const v of m.values()) if (v < min) min = v;
        return min === Infinity ? 0 : min;
      });
    }
    return this.mins[i];
  }

  update(p: PodInfo, ni: NodeInfo, namespace: string, delta: number): void {
    if (!hasAllKeys(ni.labels, this.constraints)) return;
    this.constraints.forEach((c, i) => {
      if (!podCounts(c, p, namespace)) return;
      const v = ni.labels[c.topologyKey];
      this.counts[i].set(v, (this.counts[i].get(v) ?? 0) + delta);
    });
    this.mins = null;
  }
}

export function preFilter(cycle: Cycle, nodes: readonly NodeInfo[]): FilterState | null {
  const { pod, podInfo } = cycle;
  const constraints = constraintsOf(pod, 'DoNotSchedule');
  if (constraints.length === 0) return null;
  const required = requiredNodeAffinity(pod);
  const counts = constraints.map(() => new Map<string, number>());
  for (const ni of nodes) {
    if (!hasAllKeys(ni.labels, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      if (!nodeCounts(c, ni, pod, required)) continue;
      const v = ni.labels[c.topologyKey];
      counts[i].set(v, (counts[i].get(v) ?? 0) + countOnNode(c, ni, podInfo.namespace));
    }
  }
  const selfMatch = constraints.map((c) => (matchesLabels(c.selector, podInfo.labels) ? 1 : 0));
  return new FilterState(constraints, counts, selfMatch);
}

export function filter(s: FilterState, ni: NodeInfo): Status {
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    const v = ni.labels[c.topologyKey];
    if (v === undefined) return MISSING_LABEL;
    const skew = (s.counts[i].get(v) ?? 0) + s.selfMatch[i] - s.minMatch(i);
    if (skew > c.maxSkew) return REJECT;
  }
  return SUCCESS;
}
