// Hard constraints (DoNotSchedule): counts of matching pods per topology domain, read at PreFilter from
// the index the snapshot keeps (count-index.ts) or scanned, and kept current by preemption's add/remove
// dry runs.
import { matchesLabels } from '../../../../kube/selectors/labels';
import type { StateData } from '../../framework/cycle-state';
import type { Cycle } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { requiredNodeAffinity } from '../../framework/node-selector';
import type { PodInfo } from '../../framework/pod-info';
import { Code, fixed, SUCCESS, type Status } from '../../framework/status';
import { constraintsOf, domainCounts, hasAllKeys, podCounts, type Constraint } from './constraints';
import { minsOf, SpreadCountIndex, type SpreadCounts } from './count-index';

export const name = 'PodTopologySpread';
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;
const REJECT = fixed(Code.Unschedulable, ERR_REASON_CONSTRAINTS_NOT_MATCH, name);
const MISSING_LABEL = fixed(Code.UnschedulableAndUnresolvable, ERR_REASON_NODE_LABEL_NOT_MATCH, name);

export class FilterState implements StateData {
  /** Smallest domain count per constraint, cached until counts change. */
  private mins: number[] | null = null;
  /**
   * @param counts per constraint: domain value → matching pods; eligible domains with no pods are
   * present with 0. Counts from the index (`shared`) are copied before the first change.
   */
  constructor(
    readonly constraints: Constraint[],
    private counts: Map<string, number>[],
    readonly selfMatch: number[],
    private shared?: SpreadCounts,
  ) {}

  clone(): FilterState {
    return new FilterState(this.constraints, this.counts.map((m) => new Map(m)), this.selfMatch);
  }

  count(i: number, domain: string): number {
    return this.counts[i].get(domain) ?? 0;
  }

  /** Smallest domain count of constraint i (0 when fewer domains than minDomains). */
  minMatch(i: number): number {
    this.mins ??= this.shared ? this.shared.mins() : minsOf(this.constraints, this.counts);
    return this.mins[i];
  }

  update(p: PodInfo, ni: NodeInfo, namespace: string, delta: number): void {
    if (!hasAllKeys(ni.labels, this.constraints)) return;
    if (this.shared) {
      this.counts = this.counts.map((m) => new Map(m));
      this.shared = undefined;
    }
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
  const selfMatch = constraints.map((c) => (matchesLabels(c.selector, podInfo.labels) ? 1 : 0));
  // Every node: the index's counts are the same scan's, kept current (count-index.ts).
  const kept = nodes === cycle.snapshot.nodes ? SpreadCountIndex.of(cycle.snapshot).countsFor(pod, podInfo.namespace, constraints) : undefined;
  if (kept) return new FilterState(constraints, kept.counts, selfMatch, kept);
  return new FilterState(constraints, scanCounts(cycle, nodes, constraints), selfMatch);
}

/** Upstream's PreFilter: over every node and its pods. */
export function scanCounts(cycle: Pick<Cycle, 'pod' | 'podInfo'>, nodes: readonly NodeInfo[], constraints: readonly Constraint[]): Map<string, number>[] {
  return domainCounts(nodes, constraints, cycle.pod, requiredNodeAffinity(cycle.pod), cycle.podInfo.namespace);
}

export function filter(s: FilterState, ni: NodeInfo): Status {
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    const v = ni.labels[c.topologyKey];
    if (v === undefined) return MISSING_LABEL;
    const skew = s.count(i, v) + s.selfMatch[i] - s.minMatch(i);
    if (skew > c.maxSkew) return REJECT;
  }
  return SUCCESS;
}
