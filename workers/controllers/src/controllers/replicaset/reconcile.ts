// One ReplicaSet pass: claim pods, decide how many to create and which to delete, compute status.
import { claim } from '../common/controller-ref';
import { isPodActive } from '../common/pods';
import type { Pod, ReplicaSet, ReplicaSetStatus } from '../common/types';
import { podsToDelete } from './rank';
import { slowStartBatches } from './slow-start';
import { nextAvailabilityCheck, replicaSetStatus } from './status';

/** Most pods created or deleted in one pass, so one huge scale does not flood the API. */
export const BURST_REPLICAS = 500;

export interface ReplicaSetOptions {
  /** Pods of the whole family (siblings under the same owner), for the colocation rank. */
  relatedPods?: Pod[];
  /** False while earlier creations or deletions are still unobserved: then counts are left alone. */
  expectationsSatisfied?: boolean;
  burstReplicas?: number;
}

export interface ReplicaSetDecision {
  /** Pods to create from `podFromTemplate(rs)`. */
  create: number;
  /** `create` split into slow-start batches; stop at the first batch with a failure. */
  createBatches: number[];
  /** Pods to delete, most expendable first. */
  delete: Pod[];
  /** Orphans to take: patch our controller reference onto them. */
  adopt: Pod[];
  /** Pods we own that the selector no longer matches: remove our reference. */
  release: Pod[];
  status: ReplicaSetStatus;
  /** Sync again after this many seconds (a ready pod will then count as available). */
  requeueAfterSeconds?: number;
}

export function reconcileReplicaSet(rs: ReplicaSet, pods: Pod[], now: Date, opts: ReplicaSetOptions = {}): ReplicaSetDecision {
  const burst = opts.burstReplicas ?? BURST_REPLICAS;
  const { owned, adopt, release } = claim(rs, rs.spec?.selector, pods.filter(isPodActive));
  const out: ReplicaSetDecision = { create: 0, createBatches: [], delete: [], adopt, release, status: replicaSetStatus(rs, owned, now) };
  const wait = nextAvailabilityCheck(rs, owned, now);
  if (wait !== undefined) out.requeueAfterSeconds = wait;
  // A ReplicaSet being deleted keeps its pods for the garbage collector; unobserved work blocks counting.
  if (rs.metadata.deletionTimestamp || opts.expectationsSatisfied === false) return out;
  const diff = owned.length - (rs.spec?.replicas ?? 1);
  if (diff < 0) {
    out.create = Math.min(-diff, burst);
    out.createBatches = slowStartBatches(out.create);
  } else if (diff > 0) {
    out.delete = podsToDelete(owned, Math.min(diff, burst), now, opts.relatedPods);
  }
  return out;
}
