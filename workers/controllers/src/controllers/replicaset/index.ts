// ReplicaSet decisions: which pods to create, delete, adopt and release, and the status to write.
export { reconcileReplicaSet, BURST_REPLICAS, type ReplicaSetDecision, type ReplicaSetOptions } from './reconcile';
export { rankForDeletion, podsToDelete, DELETION_COST_ANNOTATION } from './rank';
export { slowStartBatches, runSlowStart, type SlowStartResult } from './slow-start';
export { podFromTemplate } from './pod-template';
export { replicaSetStatus, nextAvailabilityCheck } from './status';
