// Deployment decisions: rollouts (RollingUpdate, Recreate), scaling, rollback, history and progress.
export { reconcileDeployment, type DeploymentDecision } from './reconcile';
export type { DeploymentAction } from './plan';
export { podTemplateHash, canonicalTemplate, templatesEqual, POD_TEMPLATE_HASH } from './hash';
export { REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, CHANGE_CAUSE, revisionOf, maxRevision } from './revision';
export { fenceposts, scaledValue, maxSurge, maxUnavailable } from './util';
export { deploymentComplete, deploymentProgressing, deploymentTimedOut, hasProgressDeadline } from './progress';
export { PROGRESSING, AVAILABLE, REPLICA_FAILURE, Reason } from './conditions';
