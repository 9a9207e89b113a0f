// Progress: the Progressing condition, the progress deadline and when to look again.
import { timeMs } from '../common/time';
import type { Deployment, DeploymentStatus, ReplicaSet } from '../common/types';
import { getCondition, newCondition, PROGRESSING, Reason, removeCondition, REPLICA_FAILURE, setCondition } from './conditions';
import type { Plan } from './plan';
import { calculateStatus } from './status';
import { desiredReplicas, hasProgressDeadline } from './util';

export { hasProgressDeadline };


/** Every replica updated and available, and the status describes the current generation. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const n = desiredReplicas(d);
  return (s.updatedReplicas ?? 0) === n && (s.replicas ?? 0) === n && (s.availableReplicas ?? 0) === n && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** Something moved forward since the last status: more updated, fewer old, more ready or available. */
export function deploymentProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** The deadline counts from the Progressing condition's lastUpdateTime (the last observed progress). */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: Date): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, PROGRESSING);
  if (!c || c.reason === Reason.NewReplicaSetAvailable) return false;
  if (c.reason === Reason.ProgressDeadlineExceeded) return true;
  const from = timeMs(c.lastUpdateTime);
  return from !== undefined && from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < now.getTime();
}

/** Paused and resumed are recorded as Progressing Unknown, which also restarts the deadline on resume. */
export function checkPausedConditions(plan: Plan): void {
  if (!hasProgressDeadline(plan.d)) return;
  const c = getCondition(plan.status, PROGRESSING);
  if (c?.reason === Reason.ProgressDeadlineExceeded) return;
  const paused = !!plan.d.spec?.paused;
  if (paused && c?.reason !== Reason.DeploymentPaused) {
    setCondition(plan.status, newCondition(PROGRESSING, 'Unknown', Reason.DeploymentPaused, 'Deployment is paused', plan.now));
  } else if (!paused && c?.reason === Reason.DeploymentPaused) {
    setCondition(plan.status, newCondition(PROGRESSING, 'Unknown', Reason.DeploymentResumed, 'Deployment is resumed', plan.now));
  }
}

/** ReplicaFailure mirrors the first failure reported by one of the ReplicaSets (new one first). */
function syncReplicaFailure(plan: Plan, s: DeploymentStatus, newRS: ReplicaSet | undefined): void {
  const ordered = newRS ? [newRS, ...plan.replicaSets.filter((r) => r !== newRS)] : plan.replicaSets;
  for (const rs of ordered) {
    const f = rs.status?.conditions?.find((c) => c.type === REPLICA_FAILURE && c.status === 'True');
    if (f) {
      setCondition(s, newCondition(REPLICA_FAILURE, 'True', f.reason ?? '', f.message ?? '', plan.now));
      return;
    }
  }
  removeCondition(s, REPLICA_FAILURE);
}

/** Ends a rollout pass: status plus the Progressing condition. */
export function syncRolloutStatus(plan: Plan, newRS: ReplicaSet | undefined): void {
  const d = plan.d;
  const next = calculateStatus(plan, newRS);
  if (!hasProgressDeadline(d)) removeCondition(next, PROGRESSING);
  const cur = getCondition(next, PROGRESSING);
  const alreadyComplete = next.replicas === next.updatedReplicas && cur?.reason === Reason.NewReplicaSetAvailable;
  const what = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (hasProgressDeadline(d) && !alreadyComplete) {
    if (deploymentComplete(d, next)) {
      setCondition(next, newCondition(PROGRESSING, 'True', Reason.NewReplicaSetAvailable, `${what} has successfully progressed.`, plan.now));
    } else if (deploymentProgressing(d, next)) {
      // Progress refreshes lastUpdateTime (the deadline's start) even when status and reason stay.
      const c = newCondition(PROGRESSING, 'True', Reason.ReplicaSetUpdated, `${what} is progressing.`, plan.now);
      if (cur?.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
      removeCondition(next, PROGRESSING);
      setCondition(next, c);
    } else if (deploymentTimedOut(d, next, plan.now)) {
      setCondition(next, newCondition(PROGRESSING, 'False', Reason.ProgressDeadlineExceeded, `${what} has timed out progressing.`, plan.now));
    }
  }
  syncReplicaFailure(plan, next, newRS);
  plan.status = next;
  requeueForDeadline(plan);
}

/** A rollout still in progress is looked at again when its deadline would pass. */
function requeueForDeadline(plan: Plan): void {
  const d = plan.d;
  const c = getCondition(plan.status, PROGRESSING);
  if (!hasProgressDeadline(d) || c?.status !== 'True' || c.reason === Reason.NewReplicaSetAvailable) return;
  const from = timeMs(c.lastUpdateTime);
  if (from === undefined) return;
  const after = (from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - plan.now.getTime()) / 1000;
  plan.requeueAfter(after < 1 ? 0 : Math.ceil(after) + 1);
}
