// Revision bookkeeping on ReplicaSets: what `kubectl rollout history` and `undo` read.
import type { Deployment, ReplicaSet } from '../common/types';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const ROLLBACK_TO = 'deprecated.deployment.rollback.to';

/** Upstream caps revision-history so the annotation stays small. */
const MAX_HISTORY_CHARS = 2000;

/** Deployment annotations that describe the Deployment itself and are not copied to its ReplicaSets. */
const NOT_COPIED = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO]);

function intAnnotation(obj: ReplicaSet, key: string): number | undefined {
  const v = obj.metadata.annotations?.[key];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** The ReplicaSet's revision; 0 when absent or malformed. */
export function revisionOf(rs: ReplicaSet): number {
  return intAnnotation(rs, REVISION) ?? 0;
}

export function maxRevision(rsList: ReplicaSet[]): number {
  return rsList.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

export const desiredReplicasOf = (rs: ReplicaSet) => intAnnotation(rs, DESIRED_REPLICAS);
export const maxReplicasOf = (rs: ReplicaSet) => intAnnotation(rs, MAX_REPLICAS);

/** Copies the Deployment's own annotations (change-cause among them) onto the ReplicaSet. */
function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false;
  const target = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(k) || target[k] === v) continue;
    target[k] = v;
    changed = true;
  }
  return changed;
}

/** Appends `old` to the history, dropping the oldest entries to stay within the cap. */
function appendHistory(history: string | undefined, old: string): string {
  const entries = history ? history.split(',') : [];
  while (entries.length && entries.join(',').length + old.length + 1 > MAX_HISTORY_CHARS) entries.shift();
  return [...entries, old].join(',');
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

/** Records the Deployment size the ReplicaSet was scaled for (read back by proportional scaling). */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  if (!replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
  const a = (rs.metadata.annotations ??= {});
  a[DESIRED_REPLICAS] = String(desired);
  a[MAX_REPLICAS] = String(max);
  return true;
}

/**
 * Brings the new ReplicaSet's annotations up to date in place: copied Deployment annotations and the
 * revision. A ReplicaSet that already had a lower revision is being rolled back to: its old number is
 * kept in revision-history and it takes `newRevision`. Returns whether anything changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean, maxSurge: number): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const a = (rs.metadata.annotations ??= {});
  const old = a[REVISION];
  if (old !== undefined && !/^\d+$/.test(old)) return changed;
  const oldNum = old === undefined ? 0 : Number(old);
  if (oldNum < newRevision) {
    a[REVISION] = String(newRevision);
    changed = true;
    if (old !== undefined) a[REVISION_HISTORY] = appendHistory(a[REVISION_HISTORY], old);
  }
  if (!exists) {
    const replicas = d.spec?.replicas ?? 1;
    changed = setReplicasAnnotations(rs, replicas, replicas + maxSurge) || changed;
  }
  return changed;
}
