// kubectl cordon / uncordon / drain as requests. Drain cordons, then evicts each pod on the node through
// pods/eviction (so PodDisruptionBudgets are honoured), skipping what kubectl drain skips: DaemonSet
// pods (their controller would recreate them here) and mirror pods (the kubelet owns them). Like
// kubectl without --force / --delete-emptydir-data, unmanaged pods and pods with emptyDir data block.
import type { Obj } from '../overview/summary';

export const MIRROR = 'kubernetes.io/config.mirror';

/** Uncordon removes the field (null in a merge patch), as kubectl's patch does (false is omitted). */
export function cordonPatch(unschedulable: boolean) {
  return { type: 'application/merge-patch+json', body: { spec: { unschedulable: unschedulable ? true : null } } } as const;
}

export interface DrainOptions {
  /** Evict pods no controller would recreate (kubectl drain --force). */
  force: boolean;
  /** Evict pods with emptyDir volumes, losing their data (kubectl drain --delete-emptydir-data). */
  deleteEmptyDirData: boolean;
}

export interface PodRef {
  namespace: string;
  name: string;
}

export interface DrainPlan {
  evict: PodRef[];
  skipped: (PodRef & { reason: string })[];
  blocked: (PodRef & { reason: string })[];
}

export function drainPlan(pods: Iterable<Obj>, o: DrainOptions): DrainPlan {
  const plan: DrainPlan = { evict: [], skipped: [], blocked: [] };
  for (const p of pods) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const m = p.metadata as any;
    const ref = { namespace: m.namespace ?? '', name: m.name ?? '' };
    if (m.annotations?.[MIRROR] !== undefined) {
      plan.skipped.push({ ...ref, reason: 'mirror pod' });
      continue;
    }
    const controller = (m.ownerReferences ?? []).find((r: { controller?: boolean }) => r.controller);
    if (controller?.kind === 'DaemonSet') {
      plan.skipped.push({ ...ref, reason: 'DaemonSet-managed' });
      continue;
    }
    // Finished pods are removed without further checks, as kubectl drain does.
    const finished = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
    if (!finished && !controller && !o.force) {
      plan.blocked.push({ ...ref, reason: 'not managed by a controller (use force)' });
      continue;
    }
    const emptyDir = (p.spec?.volumes ?? []).some((v: { emptyDir?: unknown }) => v.emptyDir);
    if (!finished && emptyDir && !o.deleteEmptyDirData) {
      plan.blocked.push({ ...ref, reason: 'has emptyDir data (allow deleting it)' });
      continue;
    }
    plan.evict.push(ref);
  }
  return plan;
}

export function evictionPath(p: PodRef): string {
  return `/api/v1/namespaces/${encodeURIComponent(p.namespace)}/pods/${encodeURIComponent(p.name)}/eviction`;
}

export function eviction(p: PodRef) {
  return { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: p.name, namespace: p.namespace } };
}
