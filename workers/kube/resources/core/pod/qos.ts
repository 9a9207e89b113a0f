// The QoS class of a pod, derived from the cpu and memory requests and limits of its containers.
import { parseQuantity } from '../common/quantity';
import type { PodSpec } from './spec';

const COMPUTE = ['cpu', 'memory'];

export function qosClass(spec: PodSpec): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const limits = c.resources?.limits ?? {};
    // Requests default to limits, so an omitted request counts as equal to its limit.
    const requests = { ...limits, ...(c.resources?.requests ?? {}) };
    for (const r of COMPUTE) {
      const req = requests[r] !== undefined ? parseQuantity(requests[r]) : undefined;
      const lim = limits[r] !== undefined ? parseQuantity(limits[r]) : undefined;
      if ((req ?? 0) > 0 || (lim ?? 0) > 0) any = true;
      if (lim === undefined || req === undefined || req !== lim) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
