// When a node was last heard from (its Lease or a posted status), and what its conditions become
// when it goes quiet for longer than the grace period, or comes back.
import { type Lease, type Node, type NodeCondition, type Readiness, timeMs, timestamp } from './types';

/** The conditions the kubelet owns and the controller overrides when it stops hearing from it. */
export const KUBELET_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

export const REASON_UNKNOWN = 'NodeStatusUnknown';
export const MESSAGE_UNKNOWN = 'Kubelet stopped posting node status.';
export const REASON_NEVER_UPDATED = 'NodeStatusNeverUpdated';
export const MESSAGE_NEVER_UPDATED = 'Kubelet never posted node status.';

/** What a kubelet reports for a healthy node: restored when a quiet node's heartbeats resume. */
const HEALTHY: Record<(typeof KUBELET_CONDITIONS)[number], Pick<NodeCondition, 'status' | 'reason' | 'message'>> = {
  Ready: { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
  MemoryPressure: { status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  DiskPressure: { status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  PIDPressure: { status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
};

export interface NodeHealth {
  /** The node's Ready status once `conditions` (if any) is written. */
  ready: Readiness;
  /** The node's new conditions (the whole list) when they change. */
  conditions?: NodeCondition[];
  /** Ready went from True to something else, or back to True: worth an event. */
  change?: 'NotReady' | 'Ready';
  /** When the node goes stale unless heard from again (only while it is fresh). */
  staleAt?: number;
}

export const readyCondition = (node: Node) => node.status?.conditions?.find((c) => c.type === 'Ready');

/**
 * The latest of the Lease renewal, the Ready heartbeat and `observedAt` (when this controller first saw
 * the current renewal, on its own clock, as upstream's probeTimestamp: a renewal that took long to reach
 * us, through a slow API or a skewed kubelet clock, counts from its arrival); the creation time when
 * there is none of them.
 */
export function lastHeardFrom(node: Node, lease: Lease | undefined, observedAt?: number): number {
  const renewed = timeMs(lease?.spec?.renewTime);
  const posted = timeMs(readyCondition(node)?.lastHeartbeatTime);
  const created = timeMs(node.metadata.creationTimestamp) ?? 0;
  if (renewed === undefined && posted === undefined && observedAt === undefined) return created;
  return Math.max(renewed ?? 0, posted ?? 0, observedAt ?? 0);
}

/**
 * The node's readiness as it stands (or will stand once nodeHealth's conditions are written) at `now`,
 * which must be a time the caller's view of the Lease was current at (see ReconcileContext.syncedAt).
 */
export function nodeHealth(node: Node, lease: Lease | undefined, now: number, graceMs: number, observedAt?: number): NodeHealth {
  const conditions = node.status?.conditions ?? [];
  const ready = readyCondition(node);
  const heard = lastHeardFrom(node, lease, observedAt);
  if (now > heard + graceMs) return markUnknown(node, conditions, ready, now);

  // Our kubelets (the simulator) post node status at registration and then only renew the Lease,
  // where a real kubelet would post its conditions again. A Lease renewed after we declared the node
  // Unknown therefore stands for that post: restore what we overrode (and only that).
  const renewed = timeMs(lease?.spec?.renewTime);
  const declared = timeMs(ready?.lastTransitionTime);
  if (ready?.status === 'Unknown' && ready.reason === REASON_UNKNOWN && renewed !== undefined && declared !== undefined && renewed > declared) {
    const next = conditions.map((c) => {
      const healthy = HEALTHY[c.type as keyof typeof HEALTHY];
      if (!healthy || c.status !== 'Unknown' || c.reason !== REASON_UNKNOWN) return c;
      return { ...c, ...healthy, lastHeartbeatTime: timestamp(renewed), lastTransitionTime: timestamp(now) };
    });
    return { ready: 'True', conditions: next, change: 'Ready', staleAt: heard + graceMs };
  }
  return { ready: readiness(ready?.status), staleAt: heard + graceMs };
}

function markUnknown(node: Node, conditions: NodeCondition[], ready: NodeCondition | undefined, now: number): NodeHealth {
  let changed = false;
  const next = conditions.map((c) => {
    if (!(KUBELET_CONDITIONS as readonly string[]).includes(c.type) || c.status === 'Unknown') return c;
    changed = true;
    return { ...c, status: 'Unknown', reason: REASON_UNKNOWN, message: MESSAGE_UNKNOWN, lastTransitionTime: timestamp(now) };
  });
  for (const type of KUBELET_CONDITIONS) {
    if (conditions.some((c) => c.type === type)) continue;
    changed = true;
    const created = node.metadata.creationTimestamp ?? timestamp(now);
    next.push({ type, status: 'Unknown', reason: REASON_NEVER_UPDATED, message: MESSAGE_NEVER_UPDATED, lastHeartbeatTime: created, lastTransitionTime: timestamp(now) });
  }
  return { ready: 'Unknown', ...(changed ? { conditions: next } : {}), ...(ready?.status === 'True' ? { change: 'NotReady' as const } : {}) };
}

const readiness = (s: string | undefined): Readiness => (s === 'True' || s === 'False' || s === 'Unknown' ? s : s === undefined ? undefined : 'Unknown');
