// One Deployment pass: claim ReplicaSets, then scale, roll out or only observe, and write status.
import { selectorMatches } from '../../../../kube/resources/apps/common/selector';
import { claim, controllerOf, withControllerRef, withoutOwner } from '../common/controller-ref';
import type { Deployment, DeploymentStatus, Pod, ReplicaSet } from '../common/types';
import { newAndOld } from './new-replicaset';
import { Plan, type DeploymentAction } from './plan';
import { checkPausedConditions } from './progress';
import { rolloutRecreate } from './recreate';
import { rolloutRolling } from './rolling';
import { statusEqual, syncDeploymentStatus } from './status';
import { isScalingEvent, sync } from './sync';

export interface DeploymentDecision {
  /** In order; on a failure stop and run the pass again (it is level-triggered). */
  actions: DeploymentAction[];
  /** The status this pass computed (also in an updateStatus action when it differs from the stored one). */
  status: DeploymentStatus;
  /** Look again after this many seconds (to notice a progress deadline passing). */
  requeueAfterSeconds?: number;
}

function claimReplicaSets(plan: Plan, d: Deployment, rsList: ReplicaSet[]): void {
  const { owned, adopt, release } = claim(d, d.spec?.selector, rsList);
  const owner = { ...d, apiVersion: d.apiVersion ?? 'apps/v1', kind: d.kind ?? 'Deployment' };
  for (const rs of adopt) plan.actions.push({ type: 'adoptReplicaSet', replicaSet: withControllerRef(rs, owner) });
  for (const rs of release) plan.actions.push({ type: 'releaseReplicaSet', replicaSet: withoutOwner(rs, d.metadata.uid ?? '') });
  plan.replicaSets = owned.map((rs) => (adopt.includes(rs) ? withControllerRef(rs, owner) : rs));
}

function groupPods(plan: Plan, d: Deployment, pods: Pod[]): void {
  const uids = new Set(plan.replicaSets.map((rs) => rs.metadata.uid));
  for (const p of pods) {
    const uid = controllerOf(p)?.uid;
    if (!uid || !uids.has(uid) || !selectorMatches(d.spec?.selector, p.metadata.labels)) continue;
    plan.podsByReplicaSet.set(uid, [...(plan.podsByReplicaSet.get(uid) ?? []), p]);
  }
}

/**
 * Decides one pass for Deployment `d`. `rsList` and `pods` are those of its namespace (the Deployment
 * picks its own by selector and ownerReferences); `now` stamps conditions and measures deadlines.
 */
export function reconcileDeployment(d: Deployment, rsList: ReplicaSet[], pods: Pod[], now: Date): DeploymentDecision {
  const plan = new Plan(d, now);
  plan.namespaceReplicaSets = rsList.filter((rs) => rs.metadata.namespace === d.metadata.namespace);
  claimReplicaSets(plan, d, plan.namespaceReplicaSets);
  groupPods(plan, d, pods);
  if (d.metadata.deletionTimestamp) {
    // Being deleted: only observe; the garbage collector removes the ReplicaSets.
    syncDeploymentStatus(plan, plan.current(newAndOld(plan, false).newRS));
  } else {
    checkPausedConditions(plan);
    if (d.spec?.paused || isScalingEvent(plan)) sync(plan);
    else if (d.spec?.strategy?.type === 'Recreate') rolloutRecreate(plan);
    else rolloutRolling(plan);
  }
  if (!statusEqual(d.status, plan.status)) plan.actions.push({ type: 'updateStatus', status: plan.status });
  const out: DeploymentDecision = { actions: plan.actions, status: plan.status };
  if (plan.requeueAfterSeconds !== undefined) out.requeueAfterSeconds = plan.requeueAfterSeconds;
  return out;
}
