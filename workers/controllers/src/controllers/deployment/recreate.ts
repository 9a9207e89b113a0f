// Recreate: scale every old ReplicaSet to zero, wait until none of their pods run, then scale up the new one.
import type { ReplicaSet } from '../common/types';
import { newAndOld } from './new-replicaset';
import type { Plan } from './plan';
import { deploymentComplete, syncRolloutStatus } from './progress';
import { cleanupHistory, scaleReplicaSet } from './sync';
import { desiredReplicas, isActive, sumStatus } from './util';

/**
 * Old pods might still run: an old ReplicaSet reports replicas, or a pod of one is not finished. A pod
 * in phase Unknown counts as running (its node may just be unreachable); terminating pods count too.
 */
export function oldPodsRunning(plan: Plan, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
  if (sumStatus(oldRSs, 'replicas') > 0) return true;
  for (const [uid, pods] of plan.podsByReplicaSet) {
    if (newRS && uid === newRS.metadata.uid) continue;
    if (pods.some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}

export function rolloutRecreate(plan: Plan): void {
  let { newRS, oldRSs } = newAndOld(plan, false);
  let scaledDown = false;
  for (const rs of oldRSs.filter(isActive)) scaledDown = scaleReplicaSet(plan, rs, 0).scaled || scaledDown;
  if (scaledDown || oldPodsRunning(plan, newRS, oldRSs)) {
    syncRolloutStatus(plan, plan.current(newRS));
    return;
  }
  // The new ReplicaSet is created only now, so old and new pods never run side by side.
  if (!newRS) ({ newRS, oldRSs } = newAndOld(plan, true));
  scaleReplicaSet(plan, newRS!, desiredReplicas(plan.d));
  if (deploymentComplete(plan.d, plan.d.status ?? {})) cleanupHistory(plan, oldRSs);
  syncRolloutStatus(plan, plan.current(newRS));
}
