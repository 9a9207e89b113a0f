// apps/v1: Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision.
import type { ResourceDef } from '../../registry/types';
import { deployments } from './deployment';
import { replicaSets } from './replicaset';
import { statefulSets } from './statefulset';
import { daemonSets } from './daemonset';
import { controllerRevisions } from './controllerrevision';

export { deployment, defaultDeployment, type Deployment } from './deployment';
export { replicaSet, type ReplicaSet } from './replicaset';
export { statefulSet, type StatefulSet } from './statefulset';
export { daemonSet, type DaemonSet } from './daemonset';
export { controllerRevision, type ControllerRevision } from './controllerrevision';

/** Resources of this API group. */
export const resources: ResourceDef<any>[] = [deployments, replicaSets, statefulSets, daemonSets, controllerRevisions];
