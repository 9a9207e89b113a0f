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

interface ContainerStatusLike {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: Record<string, unknown>;
}

export interface SimPod {
  metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string; deletionTimestamp?: string; annotations?: Record<string, string>; finalizers?: string[] };
  spec?: { nodeName?: string; hostNetwork?: boolean; restartPolicy?: string; containers?: ContainerLike[]; initContainers?: ContainerLike[] };
  status?: { phase?: string; podIP?: string; hostIP?: string; startTime?: string; conditions?: ConditionLike[]; containerStatuses?: ContainerStatusLike[] };
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

/**
 * A running pod whose containers are all ready while its Ready condition says otherwise: the node
 * lifecycle controller marked it while it could not hear from this node. The kubelet's status manager
 * writes its own view back when it finds the stored status differs from it (upstream's syncBatch).
 */
export function readyOverridden(pod: SimPod): boolean {
  if (pod.metadata.deletionTimestamp || pod.status?.phase !== 'Running') return false;
  const containers = pod.status.containerStatuses ?? [];
  if (!containers.length || !containers.every((c) => c.ready)) return false;
  return pod.status.conditions?.find((c) => c.type === 'Ready')?.status !== 'True';
}

/** The status (for a merge patch: the whole conditions list) with Ready and ContainersReady True again. */
export function readyRestoredStatus(pod: SimPod, now: number) {
  const t = timeOf(now);
  const fixed = new Set(['Ready', 'ContainersReady']);
  const conditions = (pod.status?.conditions ?? []).filter((c) => !fixed.has(c.type) || c.status === 'True').map((c) => ({ ...c }));
  for (const type of fixed) if (!conditions.some((c) => c.type === type)) conditions.push({ type, status: 'True', lastTransitionTime: t });
  return { conditions };
}

/** Opt-in for simulated pods that finish: their containers exit this many ms after the pod runs... */
export const EXIT_AFTER_ANNOTATION = 'sim.kubeflare.dev/exit-after-ms';
/** ...with this exit code (default 0). */
export const EXIT_CODE_ANNOTATION = 'sim.kubeflare.dev/exit-code';

/** When and how a running pod's containers exit, or undefined for pods that run until deleted. */
export function exitPlan(pod: SimPod): { afterMs: number; code: number } | undefined {
  const a = pod.metadata.annotations ?? {};
  const after = Number(a[EXIT_AFTER_ANNOTATION]);
  if (a[EXIT_AFTER_ANNOTATION] === undefined || !Number.isFinite(after) || after < 0) return undefined;
  const code = Number(a[EXIT_CODE_ANNOTATION] ?? '0');
  return { afterMs: after, code: Number.isInteger(code) && code >= 0 && code <= 255 ? code : 1 };
}

/** The kubelet restarts exited containers unless the restart policy lets the pod finish. */
export function finishesOnExit(pod: SimPod, code: number): boolean {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  return policy === 'Never' || (policy === 'OnFailure' && code === 0);
}

/**
 * The status of a running pod after its containers exited with `code`: a terminal phase when the
 * restart policy allows it, otherwise still Running with each container restarted once more.
 */
export function exitedStatus(pod: SimPod, code: number, now: number) {
  const t = timeOf(now);
  const uid = pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`;
  const old = new Map((pod.status?.containerStatuses ?? []).map((c) => [c.name, c]));
  const terminated = (name: string) => ({ exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: pod.status?.startTime ?? t, finishedAt: t, containerID: containerID(uid, name) });
  const statuses = (pod.spec?.containers ?? []).map((c) => {
    const base = { name: c.name, image: c.image ?? '', imageID: imageID(c.image ?? ''), containerID: containerID(uid, c.name) };
    const restarts = old.get(c.name)?.restartCount ?? 0;
    if (finishesOnExit(pod, code)) return { ...base, ready: false, started: false, restartCount: restarts, state: { terminated: terminated(c.name) } };
    return { ...base, ready: true, started: true, restartCount: restarts + 1, lastState: { terminated: terminated(c.name) }, state: { running: { startedAt: t } } };
  });
  if (!finishesOnExit(pod, code)) return { containerStatuses: statuses };
  const reason = code === 0 ? 'PodCompleted' : 'PodFailed';
  const notReady = (type: string) => ({ type, status: 'False', reason, lastTransitionTime: t });
  const conditions = (pod.status?.conditions ?? []).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? notReady(c.type) : c));
  return { phase: code === 0 ? 'Succeeded' : 'Failed', conditions, containerStatuses: statuses };
}
