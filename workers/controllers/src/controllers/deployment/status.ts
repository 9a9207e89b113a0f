// Deployment status summed from its ReplicaSets, with the Available condition.
import type { DeploymentStatus, ReplicaSet } from '../common/types';
import { AVAILABLE, newCondition, Reason, setCondition } from './conditions';
import type { Plan } from './plan';
import { desiredReplicas, maxUnavailable, sumSpec, sumStatus } from './util';

export function calculateStatus(plan: Plan, newRS: ReplicaSet | undefined): DeploymentStatus {
  const all = plan.replicaSets;
  const d = plan.d;
  const available = sumStatus(all, 'availableReplicas');
  const status: DeploymentStatus = {
    replicas: sumStatus(all, 'replicas'),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sumStatus(all, 'readyReplicas'),
    availableReplicas: available,
    // Against the desired sizes: more available than desired (scaling down) is not negative unavailability.
    unavailableReplicas: Math.max(0, sumSpec(all) - available),
  };
  if (d.metadata.generation !== undefined) status.observedGeneration = d.metadata.generation;
  if (plan.status.collisionCount !== undefined) status.collisionCount = plan.status.collisionCount;
  if (plan.status.conditions?.length) status.conditions = structuredClone(plan.status.conditions);
  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    setCondition(status, newCondition(AVAILABLE, 'True', Reason.MinimumReplicasAvailable, 'Deployment has minimum availability.', plan.now));
  } else {
    setCondition(status, newCondition(AVAILABLE, 'False', Reason.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', plan.now));
  }
  return status;
}

function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = canon((v as Record<string, unknown>)[k]);
      // Zero counters are omitted on the wire, so absent and 0 mean the same.
      if (x !== undefined && x !== 0) out[k] = x;
    }
    return out;
  }
  return v;
}

export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  return JSON.stringify(canon(a ?? {})) === JSON.stringify(canon(b ?? {}));
}

/** Ends a pass that only scaled or observed: the status without touching Progressing. */
export function syncDeploymentStatus(plan: Plan, newRS: ReplicaSet | undefined): void {
  plan.status = calculateStatus(plan, newRS);
}
