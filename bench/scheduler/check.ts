// An independent check of the final placement, from the objects as the API returns them: it shares no
// code with the scheduler's plugins. Capacity (cpu, memory, pods), NoSchedule taints, nodeSelector,
// required node affinity (In / NotIn / Exists / DoesNotExist), hostname anti-affinity, zone spread
// (maxSkew 1, DoNotSchedule) and zone pod affinity.
const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

export interface CheckNode {
  metadata: { name: string; labels?: Record<string, string> };
  spec?: { taints?: { key: string; value?: string; effect: string }[] };
  status?: { allocatable?: Record<string, string> };
}

interface Expr {
  key: string;
  operator: string;
  values?: string[];
}
interface Term {
  labelSelector?: { matchLabels?: Record<string, string> };
  topologyKey: string;
}

export interface CheckPod {
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  spec: {
    nodeName?: string;
    containers: { resources?: { requests?: Record<string, string> } }[];
    nodeSelector?: Record<string, string>;
    tolerations?: { key?: string; operator?: string; value?: string; effect?: string }[];
    topologySpreadConstraints?: { maxSkew: number; topologyKey: string; whenUnsatisfiable: string }[];
    affinity?: {
      nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: { matchExpressions?: Expr[] }[] } };
      podAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: Term[] };
      podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: Term[] };
    };
  };
}

const SUFFIX: Record<string, number> = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
/** A Kubernetes quantity as a number of base units (cores, bytes, pods). */
export function quantity(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+)(m|k|M|G|Ki|Mi|Gi|Ti)?$/.exec(q);
  if (!m) throw new Error(`unparsable quantity ${q}`);
  return Number(m[1]) * (m[2] ? SUFFIX[m[2]] : 1);
}

const tolerates = (p: CheckPod, t: { key: string; value?: string; effect: string }) =>
  (p.spec.tolerations ?? []).some(
    (x) => (x.effect === undefined || x.effect === '' || x.effect === t.effect) && (x.operator === 'Exists' ? !x.key || x.key === t.key : x.key === t.key && (x.value ?? '') === (t.value ?? '')),
  );

function exprHolds(labels: Record<string, string>, e: Expr): boolean {
  const v = labels[e.key];
  if (e.operator === 'In') return v !== undefined && (e.values ?? []).includes(v);
  if (e.operator === 'NotIn') return v === undefined || !(e.values ?? []).includes(v);
  if (e.operator === 'Exists') return v !== undefined;
  if (e.operator === 'DoesNotExist') return v === undefined;
  throw new Error(`operator ${e.operator} not checked`);
}

const app = (p: CheckPod) => `${p.metadata.namespace}/${p.metadata.labels?.app ?? ''}`;

/** Every violation found, as readable lines (empty: the placement is valid). */
export function checkPlacement(nodes: CheckNode[], pods: CheckPod[]): string[] {
  const problems: string[] = [];
  const byName = new Map(nodes.map((n) => [n.metadata.name, n]));
  const used = new Map<string, { cpu: number; mem: number; pods: number }>();
  const zoneGroups = new Map<string, Map<string, number>>(); // app → zone → count, for spread and pack apps
  const soloPerHost = new Map<string, number>(); // app@node → count
  for (const p of pods) {
    const nodeName = p.spec.nodeName;
    if (!nodeName) continue;
    const n = byName.get(nodeName);
    if (!n) {
      problems.push(`${p.metadata.name} bound to unknown node ${nodeName}`);
      continue;
    }
    const labels = n.metadata.labels ?? {};
    const u = used.get(nodeName) ?? { cpu: 0, mem: 0, pods: 0 };
    for (const c of p.spec.containers) {
      u.cpu += quantity(c.resources?.requests?.cpu);
      u.mem += quantity(c.resources?.requests?.memory);
    }
    u.pods++;
    used.set(nodeName, u);
    for (const t of n.spec?.taints ?? []) if (t.effect === 'NoSchedule' && !tolerates(p, t)) problems.push(`${p.metadata.name} on ${nodeName} ignores taint ${t.key}=${t.value}`);
    for (const [k, v] of Object.entries(p.spec.nodeSelector ?? {})) if (labels[k] !== v) problems.push(`${p.metadata.name} on ${nodeName} breaks nodeSelector ${k}=${v}`);
    const terms = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    if (terms && !terms.some((t) => (t.matchExpressions ?? []).every((e) => exprHolds(labels, e)))) problems.push(`${p.metadata.name} on ${nodeName} breaks required node affinity`);
    for (const t of p.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (t.topologyKey !== HOST) throw new Error('only hostname anti-affinity is checked');
      const k = `${app(p)}@${nodeName}`;
      soloPerHost.set(k, (soloPerHost.get(k) ?? 0) + 1);
    }
    const zoned = p.spec.topologySpreadConstraints?.some((c) => c.topologyKey === ZONE && c.whenUnsatisfiable === 'DoNotSchedule') || p.spec.affinity?.podAffinity;
    if (zoned) {
      const g = zoneGroups.get(app(p)) ?? new Map<string, number>();
      g.set(labels[ZONE], (g.get(labels[ZONE]) ?? 0) + 1);
      zoneGroups.set(app(p), g);
    }
  }
  for (const [name, u] of used) {
    const a = byName.get(name)!.status?.allocatable ?? {};
    if (u.cpu > quantity(a.cpu) + 1e-9) problems.push(`${name} cpu over capacity: ${u.cpu.toFixed(3)} > ${a.cpu}`);
    if (u.mem > quantity(a.memory)) problems.push(`${name} memory over capacity: ${u.mem} > ${a.memory}`);
    if (u.pods > quantity(a.pods)) problems.push(`${name} has ${u.pods} pods > ${a.pods}`);
  }
  for (const [k, c] of soloPerHost) if (c > 1) problems.push(`${k} holds ${c} pods despite hostname anti-affinity`);
  const zones = [...new Set(nodes.map((n) => n.metadata.labels?.[ZONE]).filter((z): z is string => !!z))];
  for (const [g, counts] of zoneGroups) {
    if (g.includes('/pack-')) {
      if (counts.size > 1) problems.push(`${g} spans zones ${[...counts.keys()].join(', ')} despite zone pod affinity`);
      continue;
    }
    const c = zones.map((z) => counts.get(z) ?? 0);
    if (Math.max(...c) - Math.min(...c) > 1) problems.push(`${g} zone skew ${c.join('/')} > maxSkew 1`);
  }
  return problems;
}
