// Per-resource (requested, allocatable) pairs for a pod landing on a node: what the resource scorers
// (LeastAllocated, MostAllocated, BalancedAllocation) compute their scores from.
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';

export interface ResourceSpec {
  name: string;
  weight: number;
}

export const DEFAULT_RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** The pod's request per scored resource; `nonZero` uses scoring defaults for cpu/memory. */
export function podRequestList(p: PodInfo, resources: readonly ResourceSpec[], nonZero: boolean): Float64Array {
  const out = new Float64Array(resources.length);
  resources.forEach((r, i) => {
    if (r.name === 'cpu') out[i] = nonZero ? p.nonZeroCPU : p.requests.milliCPU;
    else if (r.name === 'memory') out[i] = nonZero ? p.nonZeroMemory : p.requests.memory;
    else if (r.name === 'ephemeral-storage') out[i] = p.requests.ephemeralStorage;
    else out[i] = p.requests.scalar?.get(r.name) ?? 0;
  });
  return out;
}

/**
 * Fills `requested`/`allocatable` for the node with the pod on it. A resource the node does not offer
 * gets allocatable 0 (scorers skip it); so does an extended resource the pod does not ask for.
 */
export function fillAllocation(
  ni: NodeInfo,
  resources: readonly ResourceSpec[],
  podReq: Float64Array,
  useRequested: boolean,
  requested: Float64Array,
  allocatable: Float64Array,
): void {
  for (let i = 0; i < resources.length; i++) {
    const n = resources[i].name;
    let alloc: number;
    let req: number;
    if (n === 'cpu') {
      alloc = ni.allocatable.milliCPU;
      req = useRequested ? ni.requested.milliCPU : ni.nonZeroCPU;
    } else if (n === 'memory') {
      alloc = ni.allocatable.memory;
      req = useRequested ? ni.requested.memory : ni.nonZeroMemory;
    } else if (n === 'ephemeral-storage') {
      alloc = ni.allocatable.ephemeralStorage;
      req = ni.requested.ephemeralStorage;
    } else {
      alloc = podReq[i] === 0 ? 0 : (ni.allocatable.scalar?.get(n) ?? 0);
      req = ni.requested.scalar?.get(n) ?? 0;
    }
    allocatable[i] = alloc;
    requested[i] = alloc === 0 ? 0 : req + podReq[i];
  }
}

/** (capacity - requested) / capacity, weighted, in 0..100 integer steps as upstream. */
export function leastAllocatedScore(requested: Float64Array, allocatable: Float64Array, resources: readonly ResourceSpec[]): number {
  let score = 0;
  let weights = 0;
  for (let i = 0; i < resources.length; i++) {
    const cap = allocatable[i];
    if (cap === 0) continue;
    const w = resources[i].weight;
    const req = requested[i];
    score += (req > cap ? 0 : Math.trunc(((cap - req) * 100) / cap)) * w;
    weights += w;
  }
  return weights === 0 ? 0 : Math.trunc(score / weights);
}

/** requested / capacity, weighted: packs nodes instead of spreading. */
export function mostAllocatedScore(requested: Float64Array, allocatable: Float64Array, resources: readonly ResourceSpec[]): number {
  let score = 0;
  let weights = 0;
  for (let i = 0; i < resources.length; i++) {
    const cap = allocatable[i];
    if (cap === 0) continue;
    const w = resources[i].weight;
    const req = Math.min(requested[i], cap);
    score += Math.trunc((req * 100) / cap) * w;
    weights += w;
  }
  return weights === 0 ? 0 : Math.trunc(score / weights);
}
