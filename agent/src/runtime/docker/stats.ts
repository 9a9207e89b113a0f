// One-shot stats → CPU time and the working set the kubelet reports (usage minus inactive page cache,
// which the kernel can reclaim: cgroup v1 `total_inactive_file`, v2 `inactive_file`).
import type { ContainerStats } from '../types';

export interface RawStats {
  read?: string;
  cpu_stats?: { cpu_usage?: { total_usage?: number } };
  memory_stats?: { usage?: number; stats?: Record<string, number> };
}

/** True when the engine sampled nothing: a container that is not running answers with a zero `read`. */
export function isEmptySample(raw: RawStats): boolean {
  return !raw.read || raw.read.startsWith('0001-01-01');
}

export function toContainerStats(raw: RawStats): ContainerStats {
  const usage = raw.memory_stats?.usage ?? 0;
  const s = raw.memory_stats?.stats ?? {};
  const inactive = s.total_inactive_file ?? s.inactive_file ?? 0;
  const read = raw.read && !raw.read.startsWith('0001-01-01') ? raw.read : new Date().toISOString();
  return {
    cpuUsageNanos: raw.cpu_stats?.cpu_usage?.total_usage ?? 0,
    memoryWorkingSetBytes: Math.max(0, usage - inactive),
    timestamp: read,
  };
}
