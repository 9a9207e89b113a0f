// What a simulated kubelet reports for a pod it "runs": every container started and ready at once.
import { createHash } from 'node:crypto';
import { timeOf } from './objects';

interface ContainerLike {
  name: string;
  image?: string;
}

interface ConditionLike {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

export interface SimPod {
  metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string; deletionTimestamp?: string };
  spec?: { nodeName?: string; hostNetwork?: boolean; containers?: ContainerLike[]; initContainers?: ContainerLike[] };
  status?: { phase?: string; podIP?: string; hostIP?: string; startTime?: string; conditions?: ConditionLike[] };
}

const FINISHED = new Set(['Running', 'Succeeded', 'Failed']);

/** A pod the kubelet has not started yet (and is not being deleted). */
export function needsStart(pod: SimPod): boolean {
  return !pod.metadata.deletionTimestamp && !FINISHED.has(pod.status?.phase ?? 'Pending');
}

function hex(...parts: string[]): string {
  return createHash('sha256').update(parts.join('/')).digest('hex');
}

/** Image digests are made up but stable per image name, like a registry's would be. */
export function imageID(image: string): string {
  const repo = image.split('@')[0];
  return `${repo}@sha256:${hex('image', image)}`;
}

export function containerID(podUid: string, container: string): string {
  return `sim://${hex('container', podUid, container)}`;
}

/** The status (for a merge patch of pods/status) of a pod whose containers all run and are ready. */
export function runningStatus(pod: SimPod, hostIP: string, podIP: string, now: number) {
  const t = timeOf(now);
  const uid = pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`;
  const old = new Map((pod.status?.conditions ?? []).map((c) => [c.type, c]));
  const condition = (type: string) => ({
    type,
    status: 'True',
    // A transition time only moves when the status does.
    lastTransitionTime: old.get(type)?.status === 'True' ? (old.get(type)?.lastTransitionTime ?? t) : t,
  });
  const ip = pod.spec?.hostNetwork ? hostIP : podIP;
  const container = (c: ContainerLike) => ({ name: c.name, image: c.image ?? '', imageID: imageID(c.image ?? ''), containerID: containerID(uid, c.name), restartCount: 0 });
  return {
    phase: 'Running',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP: ip,
    podIPs: [{ ip }],
    startTime: pod.status?.startTime ?? t,
    ...(pod.spec?.initContainers?.length
      ? {
          initContainerStatuses: pod.spec.initContainers.map((c) => ({
            ...container(c),
            ready: true,
            started: false,
            state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: t, finishedAt: t, containerID: containerID(uid, c.name) } },
          })),
        }
      : {}),
    containerStatuses: (pod.spec?.containers ?? []).map((c) => ({ ...container(c), ready: true, started: true, state: { running: { startedAt: t } } })),
  };
}
