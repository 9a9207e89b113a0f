// An independent validity check for the benchmark: recomputes capacity, taints, selectors, spread and
// anti-affinity from the raw objects, sharing no code with the plugins.
import type { Node, Pod } from './types';

const cpuMilli = (v: string | number | undefined) => (v === undefined ? 0 : typeof v === 'number' ? v * 1000 : v.endsWith('m') ? Number(v.slice(0, -1)) : Number(v) * 1000);
const UNITS: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const bytes = (v: string | number | undefined) => {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)(Ki|Mi|Gi|Ti)?$/.exec(v);
  return m ? Number(m[1]) * (m[2] ? UNITS[m[2]] : 1) : NaN;
};

export function checkPlacements(nodes: Node[], placed: Map<Pod, string>): string[] {
  const problems: string[] = [];
  const byName = new Map(nodes.map((n) => [n.metadata.name!, n]));
  const onNode = new Map<string, Pod[]>();
  for (const [p, n] of placed) onNode.set(n, [...(onNode.get(n) ?? []), p]);
  for (const [name, pods] of onNode) {
    const n = byName.get(name)!;
    const a = n.status!.allocatable! as Record<string, string | number>;
    let cpu = 0;
    let mem = 0;
    let gpu = 0;
    for (const p of pods) {
      const r = (p.spec.containers[0].resources?.requests ?? {}) as Record<string, string | number>;
      cpu += cpuMilli(r.cpu);
      mem += bytes(r.memory);
      gpu += Number(r['nvidia.com/gpu'] ?? 0);
      for (const t of n.spec?.taints ?? []) {
        if (t.effect !== 'NoSchedule') continue;
        if (!(p.spec.tolerations ?? []).some((tol) => tol.key === t.key && tol.value === t.value)) problems.push(`${p.metadata.name} on ${name} ignores taint ${t.key}`);
      }
      for (const [k, v] of Object.entries(p.spec.nodeSelector ?? {})) if (n.metadata.labels?.[k] !== v) problems.push(`${p.metadata.name} on ${name} breaks nodeSelector ${k}`);
      const zones = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0].matchExpressions?.[0];
      if (zones?.operator === 'In' && !zones.values!.includes(n.metadata.labels![zones.key])) problems.push(`${p.metadata.name} on ${name} breaks node affinity`);
    }
    if (cpu > cpuMilli(a.cpu)) problems.push(`${name} cpu over capacity: ${cpu}m`);
    if (mem > bytes(a.memory)) problems.push(`${name} memory over capacity`);
    if (gpu > Number(a['nvidia.com/gpu'] ?? 0)) problems.push(`${name} gpu over capacity`);
    if (pods.length > Number(a.pods)) problems.push(`${name} has too many pods`);
    // Required anti-affinity on hostname: at most one pod per solo app per node.
    const solo = new Map<string, number>();
    for (const p of pods) if (p.spec.affinity?.podAntiAffinity) solo.set(p.metadata.labels!.app, (solo.get(p.metadata.labels!.app) ?? 0) + 1);
    for (const [app, c] of solo) if (c > 1) problems.push(`${name} has ${c} pods of ${app} despite anti-affinity`);
  }
  // Zone spread with maxSkew 1 over pods that carry the constraint's selector (same namespace, same app).
  const zoneCounts = new Map<string, Map<string, number>>();
  for (const [p, n] of placed) {
    const key = `${p.metadata.namespace}/${p.metadata.labels!.app}`;
    const z = byName.get(n)!.metadata.labels!['topology.kubernetes.io/zone'];
    const m = zoneCounts.get(key) ?? new Map<string, number>();
    m.set(z, (m.get(z) ?? 0) + 1);
    zoneCounts.set(key, m);
  }
  const spreadGroups = new Set<string>();
  for (const p of placed.keys())
    if (p.spec.topologySpreadConstraints?.some((c) => c.whenUnsatisfiable === 'DoNotSchedule')) spreadGroups.add(`${p.metadata.namespace}/${p.metadata.labels!.app}`);
  for (const g of spreadGroups) {
    const counts = ['zone-a', 'zone-b', 'zone-c'].map((z) => zoneCounts.get(g)?.get(z) ?? 0);
    // Each spread pod kept skew ≤ 1 when it landed; pods without the constraint may add at most their own count.
    const spreadOnly = [...placed].filter(([p]) => `${p.metadata.namespace}/${p.metadata.labels!.app}` === g);
    if (spreadOnly.every(([p]) => p.spec.topologySpreadConstraints?.[0]?.whenUnsatisfiable === 'DoNotSchedule') && Math.max(...counts) - Math.min(...counts) > 1)
      problems.push(`${g} zone skew ${counts.join('/')}`);
  }
  return problems;
}
