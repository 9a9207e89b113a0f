// What the overview computes from full objects: node readiness and capacity, pods by phase,
// workloads that are not healthy, the latest warning events.
export interface Obj {
  metadata: { name?: string; namespace?: string; uid?: string; creationTimestamp?: string; deletionTimestamp?: string };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  status?: any;
}

export interface NodeSummary {
  name: string;
  ready: 'True' | 'False' | 'Unknown';
  schedulable: boolean;
  cpu: string;
  memory: string;
  pods: string;
}

export function nodeSummaries(nodes: readonly Obj[]): NodeSummary[] {
  return nodes
    .map((n) => {
      const ready = (n.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready')?.status;
      const cap = n.status?.allocatable ?? n.status?.capacity ?? {};
      return {
        name: n.metadata.name ?? '',
        ready: ready === 'True' || ready === 'False' ? ready : 'Unknown',
        schedulable: !n.spec?.unschedulable,
        cpu: String(cap.cpu ?? ''),
        memory: formatMemory(cap.memory),
        pods: String(cap.pods ?? ''),
      } satisfies NodeSummary;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

const UNITS: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** A memory quantity in the largest binary unit that keeps it ≥ 1 ("8Gi", "1.5Gi"). */
export function formatMemory(q: string | undefined): string {
  if (!q) return '';
  const m = /^(\d+(?:\.\d+)?)([KMGT]i|[kMGT])?$/.exec(q);
  if (!m) return q;
  const bytes = Number(m[1]) * (m[2] ? UNITS[m[2]] : 1);
  for (const [u, f] of [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (bytes >= f) return `${Math.round((bytes / f) * 10) / 10}${u}`;
  }
  return `${bytes}`;
}

export const PHASES = ['Running', 'Pending', 'Succeeded', 'Failed', 'Unknown'] as const;
export type Phase = (typeof PHASES)[number];

export function podsByPhase(pods: readonly Obj[]): Record<Phase, number> {
  const out = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  for (const p of pods) {
    const phase = (PHASES as readonly string[]).includes(p.status?.phase) ? (p.status.phase as Phase) : 'Unknown';
    out[phase]++;
  }
  return out;
}

export interface Unhealthy {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  namespace: string;
  name: string;
  ready: number;
  desired: number;
  reason: string;
}

/** Workloads whose ready count is below what they want, or whose rollout is stuck. */
export function unhealthyWorkloads(w: { deployments?: readonly Obj[]; statefulsets?: readonly Obj[]; daemonsets?: readonly Obj[] }): Unhealthy[] {
  const out: Unhealthy[] = [];
  for (const d of w.deployments ?? []) {
    const desired = d.spec?.replicas ?? 1;
    const ready = d.status?.readyReplicas ?? 0;
    const stuck = (d.status?.conditions ?? []).find((c: { type: string; status: string; reason?: string }) => c.type === 'Progressing' && c.status === 'False');
    if (ready < desired || stuck) out.push(row('Deployment', d, ready, desired, stuck?.reason ?? `${ready}/${desired} ready`));
  }
  for (const s of w.statefulsets ?? []) {
    const desired = s.spec?.replicas ?? 1;
    const ready = s.status?.readyReplicas ?? 0;
    if (ready < desired) out.push(row('StatefulSet', s, ready, desired, `${ready}/${desired} ready`));
  }
  for (const ds of w.daemonsets ?? []) {
    const desired = ds.status?.desiredNumberScheduled ?? 0;
    const ready = ds.status?.numberReady ?? 0;
    if (ready < desired) out.push(row('DaemonSet', ds, ready, desired, `${ready}/${desired} ready`));
  }
  return out.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

function row(kind: Unhealthy['kind'], o: Obj, ready: number, desired: number, reason: string): Unhealthy {
  return { kind, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '', ready, desired, reason };
}

export interface EventLike extends Obj {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  firstTimestamp?: string;
  involvedObject?: { kind?: string; name?: string; namespace?: string; apiVersion?: string };
}

/** When an event last happened, as kubectl's LAST SEEN reads it. */
export function eventTime(e: EventLike): number {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp;
  return t ? Date.parse(t) : 0;
}

export function recentWarnings(events: readonly EventLike[], limit = 10): EventLike[] {
  return events
    .filter((e) => e.type === 'Warning')
    .sort((a, b) => eventTime(b) - eventTime(a))
    .slice(0, limit);
}
