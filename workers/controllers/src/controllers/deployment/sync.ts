// Scaling without rolling out: resizes, paused deployments, and old-revision cleanup.
import type { ReplicaSet } from '../common/types';
import { newAndOld } from './new-replicaset';
import type { Plan } from './plan';
import { desiredReplicasOf, maxReplicasOf, replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './revision';
import { syncDeploymentStatus } from './status';
import { byCreation, byRevision, bySizeNewer, bySizeOlder, desiredReplicas, isActive, isRollingUpdate, maxSurge, specReplicas, sumSpec } from './util';

/** Sets a ReplicaSet's size and its desired/max annotations; `scaled` is whether the size changed. */
export function scaleReplicaSet(plan: Plan, rs: ReplicaSet, size: number): { scaled: boolean; rs: ReplicaSet } {
  const cur = plan.current(rs);
  const n = desiredReplicas(plan.d);
  const max = n + maxSurge(plan.d);
  const resize = specReplicas(cur) !== size;
  if (!resize && !replicasAnnotationsNeedUpdate(cur, n, max)) return { scaled: false, rs: cur };
  const copy = structuredClone(cur);
  (copy.spec ??= {}).replicas = size;
  setReplicasAnnotations(copy, n, max);
  return { scaled: resize, rs: plan.update(copy) };
}

/** The one ReplicaSet with pods; with none, the new one or else the newest; with several, none. */
function activeOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = [newRS, ...newestFirst].filter((r): r is ReplicaSet => !!r && isActive(r));
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** The new ReplicaSet has every desired pod available at the current size. */
function saturated(plan: Plan, rs: ReplicaSet | undefined): boolean {
  const n = desiredReplicas(plan.d);
  return !!rs && specReplicas(rs) === n && desiredReplicasOf(rs) === n && (rs.status?.availableReplicas ?? 0) === n;
}

/** How much of the change `rs` takes, in proportion to its share of the size it was last scaled for. */
function proportion(plan: Plan, rs: ReplicaSet, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const d = plan.d;
  let fraction: number;
  if (desiredReplicas(d) === 0) fraction = -specReplicas(rs);
  else {
    const annotated = maxReplicasOf(rs) ?? d.status?.replicas ?? 0;
    const target = desiredReplicas(d) + maxSurge(d);
    fraction = annotated === 0 ? 0 : Math.round((specReplicas(rs) * target) / annotated) - specReplicas(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * Matches ReplicaSet sizes to the Deployment's. Mid-rollout (several active ReplicaSets) a rolling
 * update spreads the change proportionally, so a resize does not skew the rollout; the rounding
 * remainder goes to the largest ReplicaSet.
 */
export function scale(plan: Plan, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const d = plan.d;
  const n = desiredReplicas(d);
  const only = activeOrLatest(newRS, oldRSs);
  if (only) {
    if (specReplicas(only) !== n) scaleReplicaSet(plan, only, n);
    return;
  }
  if (saturated(plan, newRS)) {
    for (const rs of oldRSs.filter(isActive)) scaleReplicaSet(plan, rs, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = [newRS, ...oldRSs].filter((r): r is ReplicaSet => !!r && isActive(r));
  const toAdd = (n > 0 ? n + maxSurge(d) : 0) - sumSpec(all);
  if (toAdd > 0) all.sort(bySizeNewer);
  else if (toAdd < 0) all.sort(bySizeOlder);
  let added = 0;
  const sizes = all.map((rs) => {
    const p = proportion(plan, rs, toAdd, added);
    added += p;
    return specReplicas(rs) + p;
  });
  all.forEach((rs, i) => {
    const size = i === 0 ? sizes[0] + toAdd - added : sizes[i];
    scaleReplicaSet(plan, rs, Math.max(0, size));
  });
}

/** Deletes the oldest scaled-down ReplicaSets beyond revisionHistoryLimit (only settled, empty ones). */
export function cleanupHistory(plan: Plan, oldRSs: ReplicaSet[]): void {
  const limit = plan.d.spec?.revisionHistoryLimit;
  if (limit === undefined) return;
  const alive = oldRSs.map((rs) => plan.current(rs)).filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = alive.length - limit;
  if (diff <= 0) return;
  for (const rs of alive.sort(byRevision).slice(0, diff)) {
    const settled = (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0);
    if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0 || !settled) continue;
    plan.remove(rs);
  }
}

/** A resize: some active ReplicaSet was last scaled for a different Deployment size. */
export function isScalingEvent(plan: Plan): boolean {
  const { newRS, oldRSs } = newAndOld(plan, false);
  const n = desiredReplicas(plan.d);
  return [...oldRSs, newRS].some((rs) => !!rs && isActive(rs) && desiredReplicasOf(rs) !== undefined && desiredReplicasOf(rs) !== n);
}

/** Scaling only (paused deployments, resizes): no new ReplicaSet, no Progressing change. */
export function sync(plan: Plan): void {
  const { newRS, oldRSs } = newAndOld(plan, false);
  scale(plan, newRS, oldRSs);
  if (plan.d.spec?.paused) cleanupHistory(plan, oldRSs);
  syncDeploymentStatus(plan, plan.current(newRS));
}
