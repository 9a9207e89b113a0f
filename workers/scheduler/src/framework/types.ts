// The API objects the scheduler reads, typed from the shared Kubernetes schemas (types only, no zod at runtime).
import type { KObject } from '../../../kube/registry/types';
import type { Pod } from '../../../kube/resources/core/pod';
import type { NodeSpec, NodeStatus } from '../../../kube/resources/core/node/schema';
import type { PodSpec } from '../../../kube/resources/core/pod/spec';

export type { Pod, PodSpec };

export interface Node extends KObject {
  spec?: NodeSpec;
  status?: NodeStatus;
}

export type Taint = NonNullable<NodeSpec['taints']>[number];
export type Toleration = NonNullable<PodSpec['tolerations']>[number];
export type Container = PodSpec['containers'][number];
export type Affinity = NonNullable<PodSpec['affinity']>;
export type NodeSelector = NonNullable<NonNullable<Affinity['nodeAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>;
export type NodeSelectorTerm = NodeSelector['nodeSelectorTerms'][number];
export type PodAffinityTerm = NonNullable<NonNullable<Affinity['podAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>[number];
export type TopologySpreadConstraint = NonNullable<PodSpec['topologySpreadConstraints']>[number];

/** A PodDisruptionBudget as preemption needs it: which pods it guards and how many may still go. */
export interface DisruptionBudget {
  namespace: string;
  selector?: { matchLabels?: Record<string, string> | null; matchExpressions?: { key: string; operator: string; values?: string[] | null }[] | null } | null;
  disruptionsAllowed: number;
  /** Pods already being evicted under this budget (status.disruptedPods keys). */
  disruptedPods?: readonly string[];
}

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_REGION = 'topology.kubernetes.io/region';
export const MAX_NODE_SCORE = 100;
