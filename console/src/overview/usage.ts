// Nodes' CPU and memory use (metrics.k8s.io NodeMetrics, as kubectl top nodes) against what each node
// can allocate, for the overview's chart.
import { parseQuantity } from '../../../workers/kube/resources/core/common/quantity';
import type { Obj } from './summary';

export interface NodeUsage {
  name: string;
  /** Cores and bytes used and allocatable; percent of allocatable (undefined without metrics). */
  cpu: { used?: number; allocatable?: number; percent?: number };
  memory: { used?: number; allocatable?: number; percent?: number };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function nodeUsage(nodes: readonly Obj[], metrics: readonly any[]): NodeUsage[] {
  const byName = new Map(metrics.map((m) => [m.metadata?.name, m.usage ?? {}]));
  return nodes
    .map((n) => {
      const alloc = n.status?.allocatable ?? n.status?.capacity ?? {};
      const usage = byName.get(n.metadata.name);
      return { name: n.metadata.name ?? '', cpu: part(usage?.cpu, alloc.cpu), memory: part(usage?.memory, alloc.memory) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function part(used: string | undefined, allocatable: string | undefined) {
  const u = used === undefined ? undefined : parseQuantity(used);
  const a = allocatable === undefined ? undefined : parseQuantity(allocatable);
  const percent = u !== undefined && a ? Math.round((u / a) * 100) : undefined;
  return { used: u, allocatable: a, percent };
}

/** "250m", "1.5" cores as kubectl top prints CPU (millicores). */
export function formatCores(cores: number | undefined): string {
  return cores === undefined ? '—' : `${Math.round(cores * 1000)}m`;
}

/** Bytes as kubectl top prints memory (Mi). */
export function formatMi(bytes: number | undefined): string {
  return bytes === undefined ? '—' : `${Math.round(bytes / 2 ** 20)}Mi`;
}
