// The shapes the node lifecycle decisions read, derived from the kube schemas so they cannot drift.
import type { KObject } from '../../../kube/registry/types';
import type { NodeSpec, NodeStatus } from '../../../kube/resources/core/node/schema';
import type { Pod } from '../controllers/common/types';

export type { KObject, Pod };
export interface Node extends KObject {
  spec?: NodeSpec;
  status?: NodeStatus;
}
export type Taint = NonNullable<NodeSpec['taints']>[number];
export type NodeCondition = NonNullable<NodeStatus['conditions']>[number];
export type Toleration = NonNullable<Pod['spec']['tolerations']>[number];
export interface Lease extends KObject {
  spec?: { holderIdentity?: string; renewTime?: string; leaseDurationSeconds?: number };
}

/** A node's Ready status as the controller sees it; undefined when the kubelet never posted one. */
export type Readiness = 'True' | 'False' | 'Unknown' | undefined;

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';

/** Milliseconds since the epoch, or undefined for a missing or unparsable time. */
export function timeMs(t: string | null | undefined): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/** As the API serializes metav1.Time (whole seconds). */
export const timestamp = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
