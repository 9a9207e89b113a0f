// The pod status the kubelet reports, from the pod, what the runtime holds for it and what the kubelet
// remembers (start failures, probe results): upstream's generateAPIPodStatus, as a pure function.
import { qosClass } from '../../../../workers/kube/resources/core/pod/qos';
import type { ContainerStatus } from '../../runtime/types';
import { LABELS } from '../../runtime/types';
import { attemptOf } from '../spec/labels';
import type { Container, ObservedPod, Pod, ProbeState, V1ContainerStatus, V1PodCondition, V1PodStatus, WaitingReason } from '../types';
import { containersReady, initialized, KUBELET_CONDITIONS, podReady, readyToStartContainers } from './conditions';
import { containerStatusOf, shouldRestart } from './containers';
import { getPhase, isSidecar } from './phase';

export interface StatusInput {
  pod: Pod;
  observed: ObservedPod;
  hostIP: string;
  /** Container id scheme, e.g. "docker" → "docker://<id>". */
  scheme: string;
  /** Start failures by container name. */
  waiting: ReadonlyMap<string, WaitingReason>;
  probes: (containerId: string) => ProbeState;
  /** The kubelet stopped the pod for good (deleted, or failed): containers will not restart. */
  terminal: boolean;
  /** Termination messages read from the containers' message files, by runtime id. */
  terminationMessages?: ReadonlyMap<string, string>;
  /** ISO time used for new transitions and the start time. */
  now: string;
  /**
   * The kubelet's own last status for the pod. Transition times, start time and terminal phase are
   * kept from it rather than from the API copy, which may be an older echo of our own writes.
   */
  previous?: V1PodStatus;
  /** The kubelet failed the pod itself (e.g. DeadlineExceeded): phase Failed with this reason and message. */
  failure?: { reason: string; message: string };
}

/** A runtime timestamp in ms; engines print RFC 3339 with varying fractions, so strings do not sort. */
export function timeOf(t: string | undefined): number {
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/** Instances of each container name, newest first (highest attempt, then latest created). */
export function instancesByName(containers: ContainerStatus[]): Map<string, ContainerStatus[]> {
  const out = new Map<string, ContainerStatus[]>();
  for (const c of containers) {
    const name = c.labels[LABELS.container] ?? c.name;
    out.set(name, [...(out.get(name) ?? []), c]);
  }
  for (const list of out.values()) list.sort((a, b) => attemptOf(b.labels) - attemptOf(a.labels) || timeOf(b.createdAt) - timeOf(a.createdAt));
  return out;
}

const TERMINAL = new Set(['Succeeded', 'Failed']);

export function generatePodStatus(input: StatusInput): V1PodStatus {
  const { pod } = input;
  const api = pod.status ?? {};
  const old = input.previous ?? api;
  const spec = pod.spec;
  const instances = instancesByName(input.observed.containers);
  const defaultReason = spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating';
  const deleting = !!pod.metadata.deletionTimestamp || input.terminal;
  const restartPolicy = spec.restartPolicy ?? 'Always';

  const statusOf = (c: Container, init: boolean): V1ContainerStatus => {
    const list = instances.get(c.name) ?? [];
    // Init containers restart on failure unless the pod says Never; sidecars always.
    const policy = init ? (isSidecar(c) ? 'Always' : restartPolicy === 'Never' ? 'Never' : 'OnFailure') : restartPolicy;
    const s = containerStatusOf({
      spec: c,
      instances: list,
      waiting: input.waiting.get(c.name),
      willRestart: shouldRestart(list[0], policy, deleting),
      defaultReason,
      probes: input.probes,
      scheme: input.scheme,
    });
    if (init && !isSidecar(c)) {
      // A plain init container is "ready" once it completed; it never counts as started after that.
      s.ready = s.state.terminated?.exitCode === 0;
      s.started = !!s.state.running;
    }
    for (const st of [s.state, s.lastState]) {
      const id = st.terminated?.containerID?.replace(/^[^:]+:\/\//, '');
      const msg = id ? input.terminationMessages?.get(id) : undefined;
      if (st.terminated && msg) st.terminated.message = msg;
    }
    return s;
  };

  const initStatuses = (spec.initContainers ?? []).map((c) => statusOf(c, true));
  const regular = spec.containers.map((c) => statusOf(c, false));
  let phase = getPhase(spec, initStatuses, regular, input.terminal);
  // A pod never leaves a terminal phase (upstream's status manager refuses the transition).
  if (TERMINAL.has(old.phase ?? '') && !TERMINAL.has(phase)) phase = old.phase as typeof phase;
  if (input.failure) phase = 'Failed';

  const all = [...initStatuses, ...regular];
  const sandboxReady = input.observed.sandboxes.some((s) => s.state === 'ready');
  const oldConds = old.conditions ?? [];
  // Conditions other writers own (readiness gates, DisruptionTarget) come from the API's copy.
  const kept = (api.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type));
  const cReady = containersReady(spec, all, phase);
  const fresh = [readyToStartContainers(sandboxReady), initialized(spec, all, phase), podReady(spec, cReady, api.conditions ?? []), cReady];
  const scheduled = oldConds.find((c) => c.type === 'PodScheduled') ?? api.conditions?.find((c) => c.type === 'PodScheduled') ?? { type: 'PodScheduled', status: 'True' };
  const conditions: V1PodCondition[] = [...kept, ...fresh.map((c) => withTransition(c, oldConds, input.now)), withTransition(scheduled, oldConds, input.now)];

  const status: V1PodStatus = {
    phase,
    conditions,
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    ...podIPs(pod, input, old),
    startTime: old.startTime ?? input.now,
    ...(initStatuses.length ? { initContainerStatuses: initStatuses } : {}),
    containerStatuses: regular,
    qosClass: old.qosClass ?? qosClass(spec),
  };
  if (input.failure) {
    status.reason = input.failure.reason;
    status.message = input.failure.message;
  } else if (phase === old.phase) {
    if (old.reason) status.reason = old.reason;
    if (old.message) status.message = old.message;
  }
  return status;
}

function withTransition(c: V1PodCondition, old: V1PodCondition[], now: string): V1PodCondition {
  const prev = old.find((o) => o.type === c.type);
  const out: V1PodCondition = { type: c.type, status: c.status };
  if (c.reason) out.reason = c.reason;
  if (c.message) out.message = c.message;
  // The transition time moves only when the status does.
  out.lastTransitionTime = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : now;
  return out;
}

function podIPs(pod: Pod, input: StatusInput, old: V1PodStatus): Pick<V1PodStatus, 'podIP' | 'podIPs'> {
  if (pod.spec.hostNetwork) return { podIP: input.hostIP, podIPs: [{ ip: input.hostIP }] };
  const ips = input.observed.sandboxes.find((s) => s.state === 'ready')?.ips ?? [];
  if (ips.length) return { podIP: ips[0], podIPs: ips.map((ip) => ({ ip })) };
  // A stopped pod keeps reporting the address it had.
  return old.podIP ? { podIP: old.podIP, podIPs: old.podIPs ?? [{ ip: old.podIP }] } : {};
}
