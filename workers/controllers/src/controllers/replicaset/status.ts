// ReplicaSet status as observed from the pods it owns (before this pass's creations and deletions).
import { isPodAvailable, isPodReady, secondsUntilAvailable } from '../common/pods';
import type { Pod, ReplicaSet, ReplicaSetStatus } from '../common/types';

/** Every template label is on the pod with the same value. */
function fullyLabeled(pod: Pod, templateLabels: Record<string, string>): boolean {
  const l = pod.metadata.labels ?? {};
  return Object.entries(templateLabels).every(([k, v]) => l[k] === v);
}

export function replicaSetStatus(rs: ReplicaSet, owned: Pod[], now: Date): ReplicaSetStatus {
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const labels = rs.spec?.template?.metadata?.labels ?? {};
  const status: ReplicaSetStatus = {
    replicas: owned.length,
    fullyLabeledReplicas: owned.filter((p) => fullyLabeled(p, labels)).length,
    readyReplicas: owned.filter(isPodReady).length,
    availableReplicas: owned.filter((p) => isPodAvailable(p, minReady, now)).length,
  };
  if (rs.metadata.generation !== undefined) status.observedGeneration = rs.metadata.generation;
  // Conditions (ReplicaFailure) come from create/delete errors, which only the runtime sees.
  if (rs.status?.conditions?.length) status.conditions = structuredClone(rs.status.conditions);
  return status;
}

/** When to look again so a ready pod is counted available once minReadySeconds have passed. */
export function nextAvailabilityCheck(rs: ReplicaSet, owned: Pod[], now: Date): number | undefined {
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let soonest: number | undefined;
  for (const p of owned) {
    const s = secondsUntilAvailable(p, minReady, now);
    if (s !== undefined && (soonest === undefined || s < soonest)) soonest = s;
  }
  return soonest;
}
