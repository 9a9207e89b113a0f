// RollingUpdate: grow the new ReplicaSet within maxSurge, shrink old ones within maxUnavailable.
import type { ReplicaSet } from '../common/types';
import { newAndOld, newReplicaSetReplicas } from './new-replicaset';
import type { Plan } from './plan';
import { deploymentComplete, syncRolloutStatus } from './progress';
import { cleanupHistory, scaleReplicaSet } from './sync';
import { byCreation, desiredReplicas, isActive, maxUnavailable, specReplicas, sumSpec, sumStatus } from './util';

const available = (rs: ReplicaSet) => rs.status?.availableReplicas ?? 0;

/** Scales the new ReplicaSet toward the desired size, as far as the surge allows. */
function reconcileNew(plan: Plan, newRS: ReplicaSet): boolean {
  const n = desiredReplicas(plan.d);
  const cur = specReplicas(newRS);
  if (cur === n) return false;
  if (cur > n) return scaleReplicaSet(plan, newRS, n).scaled;
  return scaleReplicaSet(plan, newRS, newReplicaSetReplicas(plan, newRS, plan.replicaSets)).scaled;
}

/**
 * First removes old pods that are not available anyway (they cost no availability), oldest
 * ReplicaSets first, up to `budget`. Returns the old ReplicaSets as they are afterwards.
 */
function cleanupUnhealthy(plan: Plan, oldRSs: ReplicaSet[], budget: number): { rest: ReplicaSet[]; count: number } {
  let count = 0;
  const rest = [...oldRSs].sort(byCreation).map((rs) => {
    const size = specReplicas(rs);
    if (count >= budget || size === 0 || available(rs) >= size) return rs;
    const down = Math.min(budget - count, size - available(rs));
    count += down;
    return scaleReplicaSet(plan, rs, size - down).rs;
  });
  return { rest, count };
}

/** Then scales old ReplicaSets down while availability stays at least desired - maxUnavailable. */
function scaleDownOld(plan: Plan, oldRSs: ReplicaSet[], newRS: ReplicaSet): number {
  const minAvailable = desiredReplicas(plan.d) - maxUnavailable(plan.d);
  // A ReplicaSet's status lags its scale-downs: it cannot have more available pods than it now wants,
  // so counting more would let a later pass scale down below minAvailable.
  const avail = [...oldRSs, newRS].reduce((n, rs) => n + Math.min(available(rs), specReplicas(rs)), 0);
  if (avail <= minAvailable) return 0;
  const target = avail - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    const size = specReplicas(rs);
    if (size === 0) continue;
    const down = Math.min(size, target - total);
    scaleReplicaSet(plan, rs, size - down);
    total += down;
  }
  return total;
}

function reconcileOld(plan: Plan, oldRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  if (sumSpec(oldRSs) === 0) return false;
  const minAvailable = desiredReplicas(plan.d) - maxUnavailable(plan.d);
  const newUnavailable = specReplicas(newRS) - available(newRS);
  // Pods that can go without breaking minAvailable, counting new pods that are not available yet.
  const budget = sumSpec(plan.replicaSets) - minAvailable - newUnavailable;
  if (budget <= 0) return false;
  const { rest, count } = cleanupUnhealthy(plan, oldRSs, budget);
  return count + scaleDownOld(plan, rest, newRS) > 0;
}

/** One RollingUpdate pass: scale up, else scale down, else (complete) clean up history. */
export function rolloutRolling(plan: Plan): void {
  const { newRS, oldRSs } = newAndOld(plan, true);
  const rs = newRS!;
  if (reconcileNew(plan, rs) || reconcileOld(plan, oldRSs.map((r) => plan.current(r)).filter(isActive), plan.current(rs))) {
    syncRolloutStatus(plan, plan.current(rs));
    return;
  }
  if (deploymentComplete(plan.d, plan.d.status ?? {})) cleanupHistory(plan, oldRSs);
  syncRolloutStatus(plan, plan.current(rs));
}
