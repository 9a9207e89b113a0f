// Pod predicates shared by the ReplicaSet and Deployment decisions.
import type { Pod } from './types';
import { timeMs } from './time';

/** Counted by controllers: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function isPodTerminating(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !!pod.metadata.deletionTimestamp;
}

function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** When the pod last became ready (ms), or undefined when not ready or unknown. */
export function podReadySince(pod: Pod): number | undefined {
  const c = readyCondition(pod);
  return c?.status === 'True' ? timeMs(c.lastTransitionTime) : undefined;
}

/**
 * Available = ready for more than minReadySeconds. A ready pod without a transition time is not
 * available when a minimum is set, since nothing proves how long it has been ready.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: Date): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now.getTime();
}

/** Seconds until a ready pod becomes available, or undefined when it already is or is not ready. */
export function secondsUntilAvailable(pod: Pod, minReadySeconds: number, now: Date): number | undefined {
  const since = podReadySince(pod);
  if (since === undefined || minReadySeconds <= 0 || isPodAvailable(pod, minReadySeconds, now)) return undefined;
  return Math.max(1, Math.ceil((since + minReadySeconds * 1000 - now.getTime()) / 1000));
}

/** The highest restart count among the pod's containers (restartable init containers included). */
export function maxRestarts(pod: Pod): number {
  const all = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return all.reduce((m, c) => Math.max(m, c.restartCount ?? 0), 0);
}
