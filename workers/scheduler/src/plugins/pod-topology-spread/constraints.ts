// A pod's topology spread constraints in the form the plugin evaluates, plus the counting rules.
import { matchesLabels, selectorFromLabelSelector, NOTHING, type LabelSelector } from '../../../../kube/selectors/labels';
import type { NodeInfo } from '../../framework/node-info';
import { matchesRequired, type RequiredNodeAffinity } from '../../framework/node-selector';
import type { PodInfo } from '../../framework/pod-info';
import { firstUntolerated } from '../../framework/taints';
import type { Pod, TopologySpreadConstraint } from '../../framework/types';

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector;
  minDomains: number;
  honorAffinity: boolean;
  honorTaints: boolean;
}

function toConstraint(c: TopologySpreadConstraint, pod: Pod): Constraint {
  let selector: LabelSelector;
  try {
    selector = selectorFromLabelSelector(c.labelSelector as Parameters<typeof selectorFromLabelSelector>[0]);
  } catch {
    selector = NOTHING;
  }
  const labels = pod.metadata.labels ?? {};
  // matchLabelKeys: only pods sharing the incoming pod's values for these keys are counted.
  const extra = (c.matchLabelKeys ?? []).filter((k) => Object.hasOwn(labels, k)).map((k) => ({ key: k, operator: 'in' as const, values: [labels[k]] }));
  if (extra.length > 0 && !selector.nothing) selector = { requirements: [...selector.requirements, ...extra] };
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    minDomains: c.minDomains ?? 1,
    honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    honorTaints: c.nodeTaintsPolicy === 'Honor',
  };
}

export function constraintsOf(pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  return (pod.spec.topologySpreadConstraints ?? []).filter((c) => c.whenUnsatisfiable === action).map((c) => toConstraint(c, pod));
}

export function hasAllKeys(labels: Record<string, string>, cs: readonly Constraint[]): boolean {
  for (const c of cs) if (!Object.hasOwn(labels, c.topologyKey)) return false;
  return true;
}

/** Whether a node's pods count for the constraint (nodeAffinityPolicy / nodeTaintsPolicy). */
export function nodeCounts(c: Constraint, ni: NodeInfo, pod: Pod, required: RequiredNodeAffinity): boolean {
  if (c.honorAffinity && !matchesRequired(required, ni.labels, ni.name)) return false;
  if (c.honorTaints && firstUntolerated(ni.node?.spec?.taints, pod.spec.tolerations ?? [])) return false;
  return true;
}

export function podCounts(c: Constraint, p: PodInfo, namespace: string): boolean {
  return p.namespace === namespace && !p.pod.metadata.deletionTimestamp && matchesLabels(c.selector, p.labels);
}

export function countOnNode(c: Constraint, ni: NodeInfo, namespace: string): number {
  let n = 0;
  for (const p of ni.pods) if (podCounts(c, p, namespace)) n++;
  return n;
}

/** Upstream's PreFilter counts: per constraint, domain → matching pods over every eligible node (domains of eligible nodes present, with 0 when none match). */
export function domainCounts(nodes: readonly NodeInfo[], constraints: readonly Constraint[], pod: Pod, required: RequiredNodeAffinity, namespace: string): Map<string, number>[] {
  const counts = constraints.map(() => new Map<string, number>());
  for (const ni of nodes) {
    if (!hasAllKeys(ni.labels, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      if (!nodeCounts(c, ni, pod, required)) continue;
      const v = ni.labels[c.topologyKey];
      counts[i].set(v, (counts[i].get(v) ?? 0) + countOnNode(c, ni, namespace));
    }
  }
  return counts;
}
