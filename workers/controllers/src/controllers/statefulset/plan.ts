// One pass of the StatefulSet controller (upstream's updateStatefulSet, in order): claims before pods,
// pods created in ordinal order and only after their predecessors are Running and Ready
// (OrderedReady; Parallel skips the wait), surplus pods removed from the highest ordinal down, failed
// pods replaced, then a rolling update from the highest ordinal down to the partition, one pod at a time.
import { isPodAvailable, isPodReady } from '../common/pods';
import { REVISION_HASH_LABEL } from '../history/revisions';
import { ordinalOf, statefulClaims, statefulPod } from './identity';
import type { Claim, Pod, PodTemplate, StatefulSet, StatefulSetStatus } from './types';

export interface StatefulPlan {
  createClaims: Claim[];
  createPods: Pod[];
  deletePods: Pod[];
  /** Claims of scaled-down ordinals to delete (persistentVolumeClaimRetentionPolicy.whenScaled Delete). */
  deleteClaims: string[];
  status: StatefulSetStatus;
  requeueAfterMs?: number;
}

export interface Revisions {
  current: { name: string; hash: string; template: PodTemplate };
  update: { name: string; hash: string; template: PodTemplate };
}

const running = (p: Pod) => p.status?.phase === 'Running';
const healthy = (p: Pod) => running(p) && isPodReady(p) && !p.metadata.deletionTimestamp;

export function planStatefulSet(set: StatefulSet, pods: Pod[], claims: Claim[], rev: Revisions, now: Date): StatefulPlan {
  const replicas = set.spec?.replicas ?? 1;
  const start = set.spec?.ordinals?.start ?? 0;
  const parallel = set.spec?.podManagementPolicy === 'Parallel';
  const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const partition = rolling ? set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0 : 0;
  const minReady = set.spec?.minReadySeconds ?? 0;
  const plan: StatefulPlan = { createClaims: [], createPods: [], deletePods: [], deleteClaims: [], status: { replicas: 0 } };

  const byOrdinal = new Map<number, Pod>();
  const condemned: Pod[] = [];
  for (const p of pods) {
    const o = ordinalOf(set, p);
    if (o < 0) continue;
    if (o >= start && o < start + replicas) byOrdinal.set(o, p);
    else condemned.push(p);
  }
  condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
  const claimNames = new Set(claims.map((c) => c.metadata.name));

  let blocked = false; // OrderedReady: a predecessor is not yet Running and Ready
  for (let o = start; o < start + replicas; o++) {
    const pod = byOrdinal.get(o);
    if (!pod) {
      if (blocked) break;
      for (const c of statefulClaims(set, o)) if (!claimNames.has(c.metadata.name)) plan.createClaims.push(c);
      const r = rolling && o - start < partition ? rev.current : rev.update;
      plan.createPods.push(statefulPod(set, r.template, o, r.hash));
      if (!parallel) blocked = true;
      continue;
    }
    if (pod.status?.phase === 'Failed' && !pod.metadata.deletionTimestamp) {
      plan.deletePods.push(pod); // recreated on a later pass
      if (!parallel) blocked = true;
      continue;
    }
    if (!parallel && !healthy(pod)) blocked = true;
  }

  // Scale down: the highest surplus ordinal first, one at a time unless Parallel, and only when every
  // pod that stays is healthy.
  const allHealthy = [...byOrdinal.values()].every(healthy) && byOrdinal.size === replicas;
  for (const p of condemned) {
    if (p.metadata.deletionTimestamp) {
      if (!parallel) break;
      continue;
    }
    if (!parallel && (!allHealthy || plan.createPods.length > 0)) break;
    plan.deletePods.push(p);
    if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled === 'Delete') {
      for (const c of statefulClaims(set, ordinalOf(set, p))) if (claimNames.has(c.metadata.name)) plan.deleteClaims.push(c.metadata.name ?? '');
    }
    if (!parallel) break;
  }

  // Rolling update: the highest ordinal not yet at the update revision goes, when all others are healthy.
  if (rolling && plan.createPods.length === 0 && plan.deletePods.length === 0 && allHealthy) {
    for (let o = start + replicas - 1; o >= start + partition; o--) {
      const pod = byOrdinal.get(o)!;
      if (pod.metadata.labels?.[REVISION_HASH_LABEL] !== rev.update.hash) {
        plan.deletePods.push(pod);
        break;
      }
    }
  }

  const live = pods.filter((p) => ordinalOf(set, p) >= 0);
  const inRange = [...byOrdinal.values()];
  const updated = inRange.filter((p) => p.metadata.labels?.[REVISION_HASH_LABEL] === rev.update.hash).length;
  const current = inRange.filter((p) => p.metadata.labels?.[REVISION_HASH_LABEL] === rev.current.hash).length;
  const ready = live.filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp).length;
  const available = live.filter((p) => !p.metadata.deletionTimestamp && isPodAvailable(p, minReady, now)).length;
  // The update is complete when every replica runs the update revision: it becomes the current one.
  const done = updated === replicas && inRange.every(healthy);
  plan.status = {
    observedGeneration: set.metadata.generation,
    replicas: live.length,
    readyReplicas: ready,
    currentReplicas: done ? updated : current,
    updatedReplicas: updated,
    availableReplicas: available,
    currentRevision: done ? rev.update.name : rev.current.name,
    updateRevision: rev.update.name,
    ...(set.status?.collisionCount !== undefined ? { collisionCount: set.status.collisionCount } : {}),
  };
  if (minReady > 0 && available < ready) plan.requeueAfterMs = 1000;
  return plan;
}
