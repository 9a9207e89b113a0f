// Rollback. `kubectl rollout undo` writes an old ReplicaSet's template (and its change-cause) into the
// Deployment; nothing else marks it. The ReplicaSet whose template matches is then the new one again:
// it is reused rather than recreated, and its revision moves to the top (its old number is kept in
// revision-history), so history reads e.g. 1 3 4 after undoing revision 2.
import type { ReplicaSet } from '../common/types';
import { getCondition, newCondition, PROGRESSING, Reason, setCondition } from './conditions';
import { templatesEqual } from './hash';
import type { Plan } from './plan';
import { REVISION, setNewReplicaSetAnnotations } from './revision';
import { byCreation, hasProgressDeadline, maxSurge } from './util';

/**
 * The ReplicaSet running the Deployment's current template. Should several match (possible after
 * upgrades that changed hashing) the oldest wins, so the choice is stable.
 */
export function findNewReplicaSet(plan: Plan): ReplicaSet | undefined {
  const tpl = plan.d.spec?.template;
  return [...plan.replicaSets].sort(byCreation).find((rs) => templatesEqual(rs.spec?.template, tpl));
}

/**
 * Brings an existing new ReplicaSet up to date: annotations copied from the Deployment, the revision
 * (raised to `newRevision` when this is a rollback) and minReadySeconds. Also records the revision on
 * the Deployment and, for a first sighting, Progressing FoundNewReplicaSet.
 */
export function syncExistingNewReplicaSet(plan: Plan, existing: ReplicaSet, newRevision: number): ReplicaSet {
  const copy = structuredClone(existing);
  const d = plan.d;
  const annotated = setNewReplicaSetAnnotations(d, copy, newRevision, true, maxSurge(d));
  const minReady = d.spec?.minReadySeconds;
  const minReadyChanged = (copy.spec?.minReadySeconds ?? 0) !== (minReady ?? 0);
  if (minReadyChanged) (copy.spec ??= {}).minReadySeconds = minReady;
  const rs = annotated || minReadyChanged ? plan.update(copy) : existing;
  const rev = rs.metadata.annotations?.[REVISION];
  if (rev !== undefined) plan.setDeploymentAnnotation(REVISION, rev);
  if (hasProgressDeadline(d) && !getCondition(plan.status, PROGRESSING)) {
    setCondition(plan.status, newCondition(PROGRESSING, 'True', Reason.FoundNewReplicaSet, `Found new replica set "${rs.metadata.name}"`, plan.now));
  }
  return rs;
}
