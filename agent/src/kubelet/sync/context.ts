// Everything a pod sync needs, built once by the Kubelet and passed down (no globals).
import type { ApiClient } from '../../../../workers/kube/client';
import type { ContainerRuntime } from '../../runtime/types';
import type { Backoff } from '../backoff';
import type { KubeletDeps } from '../deps';
import type { EventRecorder } from '../events';
import type { ProbeManager } from '../probe-manager';
import type { StatusManager } from '../status-manager';
import type { DnsSettings } from '../spec/sandbox';
import type { StartupTracker } from '../startup';
import type { Log, ObservedPod, Pod, V1PodStatus, WaitingReason } from '../types';

/** What the kubelet remembers about a pod between syncs (all of it can be rebuilt after a restart). */
export class PodState {
  /** Why containers could not be started on the last attempt, by container name (upstream's reasonCache). */
  readonly waiting = new Map<string, WaitingReason>();
  /** Termination messages read when an instance exited, by runtime id. */
  readonly terminationMessages = new Map<string, string>();
  /** Kills asked for by probes, by runtime id. */
  readonly killRequests = new Map<string, { message: string; graceSeconds: number }>();
  /** The kubelet decided the pod is finished: nothing will be started again. */
  terminal = false;
  /** Why the kubelet failed the pod itself (activeDeadlineSeconds). */
  failure?: { reason: string; message: string };
  /** The final zero-grace delete was sent. */
  deleteSent = false;
  observed: ObservedPod = { sandboxes: [], containers: [] };
  lastStatus?: V1PodStatus;
  /** Earliest time a timed resync is wanted (a back-off ending), ms since epoch. */
  wakeAt?: number;

  constructor(public pod: Pod) {}

  wakeNoLaterThan(t: number): void {
    if (this.wakeAt === undefined || t < this.wakeAt) this.wakeAt = t;
  }
}

export interface SyncContext {
  api: ApiClient;
  runtime: ContainerRuntime;
  deps: KubeletDeps;
  recorder: EventRecorder;
  statuses: StatusManager;
  /** Times the first start of each new pod (one log line per pod). */
  startup: StartupTracker;
  probes: ProbeManager;
  /** Container restarts (crash loops). */
  crashBackoff: Backoff;
  /** Image pulls. */
  pullBackoff: Backoff;
  nodeName: string;
  hostIP: string;
  dns: DnsSettings;
  podNetwork?: string;
  /** Container id scheme, from the runtime's name. */
  scheme: string;
  log: Log;
}

export const podApiPath = (pod: Pod) => `/api/v1/namespaces/${encodeURIComponent(pod.metadata.namespace ?? 'default')}/pods/${encodeURIComponent(pod.metadata.name ?? '')}`;

/** The pod's effective grace period for stopping (a deletion's own one wins). */
export function gracePeriod(pod: Pod): number {
  return pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
}
