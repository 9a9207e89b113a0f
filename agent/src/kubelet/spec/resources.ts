// Container resources → runtime limits, as upstream's kuberuntime does on Linux.
import { parseQuantity } from '../../../../workers/kube/resources/core/common/quantity';
import type { ContainerSpec } from '../../runtime/types';
import type { Container } from '../types';

const MIN_SHARES = 2;
const MAX_SHARES = 262144;

function quantity(map: Record<string, string | number> | undefined, key: string): number | undefined {
  const v = map?.[key];
  return v === undefined ? undefined : parseQuantity(v);
}

export function hasMemoryLimit(c: Container): boolean {
  return (quantity(c.resources?.limits as Record<string, string>, 'memory') ?? 0) > 0;
}

export function runtimeResources(c: Container): ContainerSpec['resources'] {
  const limits = c.resources?.limits as Record<string, string> | undefined;
  const requests = { ...limits, ...(c.resources?.requests as Record<string, string> | undefined) };
  const out: NonNullable<ContainerSpec['resources']> = {};
  const mem = quantity(limits, 'memory');
  if (mem) out.memoryLimitBytes = Math.round(mem);
  const cpuLimit = quantity(limits, 'cpu');
  if (cpuLimit) out.nanoCpus = Math.round(cpuLimit * 1e9);
  // cpu.shares = milliCPU * 1024 / 1000 (min 2); no request means the minimum, as upstream.
  const cpuReq = quantity(requests, 'cpu');
  const milli = cpuReq ? Math.ceil(cpuReq * 1000) : 0;
  out.cpuShares = Math.min(MAX_SHARES, Math.max(MIN_SHARES, Math.floor((milli * 1024) / 1000)));
  return out;
}
