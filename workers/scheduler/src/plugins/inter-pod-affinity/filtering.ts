// Required pod affinity and anti-affinity: counts computed at PreFilter, checked per node at Filter.
import type { StateData } from '../../framework/cycle-state';
import type { Cycle } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { termMatches, type AffinityTerm, type PodInfo } from '../../framework/pod-info';
import { Code, fixed, SUCCESS, type Status } from '../../framework/status';
import { TopologyCounts } from './counts';
import { AffinityTermIndex, matchesAll } from './term-index';

export const name = 'InterPodAffinity';
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

const AFFINITY = fixed(Code.UnschedulableAndUnresolvable, ERR_REASON_AFFINITY, name);
const ANTI_AFFINITY = fixed(Code.Unschedulable, ERR_REASON_ANTI_AFFINITY, name);
const EXISTING_ANTI = fixed(Code.Unschedulable, ERR_REASON_EXISTING_ANTI_AFFINITY, name);

type NsLabels = ReadonlyMap<string, Record<string, string>>;

export class FilterState implements StateData {
  constructor(
    /** Domains where an existing pod's required anti-affinity rejects the incoming pod. */
    readonly existingAnti: TopologyCounts,
    /** Domains holding pods that match all of the incoming pod's required affinity terms. */
    readonly affinity: TopologyCounts,
    /** Domains holding pods that the incoming pod's required anti-affinity terms match. */
    readonly anti: TopologyCounts,
    readonly matchesOwnAffinity: boolean,
  ) {}
  clone(): FilterState {
    return new FilterState(this.existingAnti.clone(), this.affinity.clone(), this.anti.clone(), this.matchesOwnAffinity);
  }
}

/** Adds (delta 1) or removes (-1) an existing pod's contribution; shared by PreFilter and preemption dry runs. */
export function updateWithPod(s: FilterState, incoming: PodInfo, existing: PodInfo, labels: Record<string, string>, delta: number, ns?: NsLabels): void {
  for (const t of existing.requiredAntiAffinity) {
    const v = labels[t.topologyKey];
    if (v !== undefined && termMatches(t, incoming, ns)) s.existingAnti.add(t.topologyKey, v, delta);
  }
  if (incoming.requiredAffinity.length > 0 && matchesAll(incoming.requiredAffinity, existing, ns)) {
    for (const t of incoming.requiredAffinity) {
      const v = labels[t.topologyKey];
      if (v !== undefined) s.affinity.add(t.topologyKey, v, delta);
    }
  }
  for (const t of incoming.requiredAntiAffinity) {
    const v = labels[t.topologyKey];
    if (v !== undefined && termMatches(t, existing, ns)) s.anti.add(t.topologyKey, v, delta);
  }
}

export function preFilter(cycle: Cycle): FilterState | null {
  const incoming = cycle.podInfo;
  const own = incoming.requiredAffinity.length + incoming.requiredAntiAffinity.length > 0;
  const index = AffinityTermIndex.of(cycle.snapshot);
  // Upstream skips when neither the pod nor any placed pod has required terms.
  if (!own && !index.hasAnti()) return null;
  const existingAnti = new TopologyCounts();
  index.addExisting('requiredAntiAffinity', incoming, existingAnti);
  // Copies: preemption's dry runs change a cycle's counts (updateWithPod), never the index's.
  const affinity = incoming.requiredAffinity.length > 0 ? index.matchingAll(incoming.requiredAffinity).clone() : new TopologyCounts();
  const anti = new TopologyCounts();
  for (const t of incoming.requiredAntiAffinity) anti.addAll(index.matchingAll([t]));
  return new FilterState(existingAnti, affinity, anti, matchesAll(incoming.requiredAffinity, incoming, cycle.snapshot.namespaceLabels));
}

export function filter(s: FilterState, incoming: PodInfo, ni: NodeInfo): Status {
  const labels = ni.labels;
  if (incoming.requiredAffinity.length > 0) {
    let podsExist = true;
    for (const t of incoming.requiredAffinity) {
      const v = labels[t.topologyKey];
      if (v === undefined) return AFFINITY;
      if (s.affinity.get(t.topologyKey, v) <= 0) podsExist = false;
    }
    // The first pod of a group that is affine to itself may go anywhere the keys exist.
    if (!podsExist && !(s.affinity.size === 0 && s.matchesOwnAffinity)) return AFFINITY;
  }
  for (const t of incoming.requiredAntiAffinity) {
    const v = labels[t.topologyKey];
    if (v !== undefined && s.anti.get(t.topologyKey, v) > 0) return ANTI_AFFINITY;
  }
  if (s.existingAnti.size > 0 && s.existingAnti.anyOn(labels)) return EXISTING_ANTI;
  return SUCCESS;
}
