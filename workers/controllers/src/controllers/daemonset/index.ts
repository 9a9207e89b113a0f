export type { DaemonSet, DaemonNode, ControllerRevision } from './types';
export { REVISION_HASH_LABEL } from './types';
export { nodeShouldRunDaemonPod, daemonTolerations } from './eligibility';
export { daemonPod, daemonPodNode } from './pod-template';
export { planDaemonSet, type DaemonPlan } from './plan';
export { planRevisions, templateHash, revisionData, type RevisionPlan } from '../history/revisions';
