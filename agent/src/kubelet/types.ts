// Shapes the kubelet reads and writes: the API's Pod (spec from the shared zod types) with its status
// typed as the kubelet writes it, and what it observes of a pod in the runtime.
import type { KObject } from '../../../workers/kube/registry/types';
import type { PodSpec } from '../../../workers/kube/resources/core/pod/spec';
import type { Container } from '../../../workers/kube/resources/core/pod/container';
import type { ContainerStatus, SandboxStatus } from '../runtime/types';

export type { Container };

export interface V1ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode: number; signal?: number; reason?: string; message?: string; startedAt?: string; finishedAt?: string; containerID?: string };
}

export interface V1ContainerStatus {
  name: string;
  state: V1ContainerState;
  lastState: V1ContainerState;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started?: boolean;
}

export interface V1PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

export interface V1PodStatus {
  phase?: string;
  conditions?: V1PodCondition[];
  message?: string;
  reason?: string;
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  initContainerStatuses?: V1ContainerStatus[];
  containerStatuses?: V1ContainerStatus[];
  qosClass?: string;
  nominatedNodeName?: string;
  [k: string]: unknown;
}

/** A type alias (not an interface) so it stays assignable to the shared `Pod`, which has an index signature. */
export type Pod = { apiVersion?: string; kind?: string; metadata: KObject['metadata']; spec: PodSpec; status?: V1PodStatus };

/** What the runtime holds for one pod: its sandboxes and containers (exited ones included), newest first. */
export interface ObservedPod {
  sandboxes: SandboxStatus[];
  containers: ContainerStatus[];
}

/** A reason the last sync could not start a container, shown as its waiting state (upstream's reasonCache). */
export interface WaitingReason {
  reason: string;
  message: string;
}

/** Per-container facts the kubelet knows beyond the runtime's: probe results. Keyed by runtime id. */
export interface ProbeState {
  /** Readiness; absent = no result yet. */
  ready?: boolean;
  /** Startup probe passed (true when there is none). */
  started?: boolean;
}

export type Log = (msg: string, fields?: Record<string, unknown>) => void;

/** "name_namespace(uid)", upstream's format.Pod. */
export function podDesc(pod: Pod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}

export function podKey(pod: Pod): string {
  return pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`;
}
