// The fit check: does the node have room for the pod's requests on every resource it asks for?
import type { NodeInfo } from '../../framework/node-info';
import type { Resource } from '../../framework/resource';

export const REASON_TOO_MANY_PODS = 'Too many pods';
export const insufficient = (resource: string) => `Insufficient ${resource}`;
const INSUFFICIENT_CPU = insufficient('cpu');
const INSUFFICIENT_MEMORY = insufficient('memory');
const INSUFFICIENT_STORAGE = insufficient('ephemeral-storage');

/** Reasons the pod does not fit, in upstream's order (pods, cpu, memory, ephemeral-storage, others); null if it fits. */
export function fitsRequest(req: Resource, ni: NodeInfo, ignored?: ReadonlySet<string>): string[] | null {
  // No closures here: this runs for every node of every cycle.
  let reasons: string[] | null = null;
  const alloc = ni.allocatable;
  const used = ni.requested;
  if (ni.pods.length + 1 > alloc.allowedPodNumber) reasons = [REASON_TOO_MANY_PODS];
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && !req.scalar) return reasons;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) (reasons ??= []).push(INSUFFICIENT_CPU);
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) (reasons ??= []).push(INSUFFICIENT_MEMORY);
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) (reasons ??= []).push(INSUFFICIENT_STORAGE);
  if (req.scalar) {
    for (const [name, want] of req.scalar) {
      if (want === 0 || ignored?.has(name)) continue;
      const free = (alloc.scalar?.get(name) ?? 0) - (used.scalar?.get(name) ?? 0);
      if (want > free) (reasons ??= []).push(insufficient(name));
    }
  }
  return reasons;
}
