// Pods: NAME READY STATUS RESTARTS AGE | IP NODE NOMINATED NODE READINESS GATES.
// STATUS is the one-word summary kubectl users know, computed in upstream's order: pod phase/reason,
// then init containers, then app containers (last to first, so the first container wins), then
// deletion ("Terminating", or "Unknown" for pods on a lost node).
import { AGE, NAME, col } from './columns';
import { humanDuration, parseTime, since } from './duration';
import type { Cell, Condition, Printer, TableRowCondition } from './types';
import type { KObject } from '../registry/types';

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; signal?: number; reason?: string; finishedAt?: string };
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface Pod extends KObject {
  spec?: {
    nodeName?: string;
    containers?: { name: string }[];
    initContainers?: { name: string; restartPolicy?: string }[];
    readinessGates?: { conditionType: string }[];
  };
  status?: {
    phase?: string;
    reason?: string;
    podIP?: string;
    podIPs?: { ip: string }[];
    nominatedNodeName?: string;
    conditions?: Condition[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
  };
}

export interface PodSummary {
  ready: string;
  status: string;
  restarts: number;
  /** When the most recent restart ended (ms), if any container reported one. */
  lastRestart?: number;
}

const later = (a: number | undefined, s: ContainerStatus) => {
  const t = parseTime(s.lastState?.terminated?.finishedAt);
  return t !== undefined && (a === undefined || t > a) ? t : a;
};

function terminatedText(t: NonNullable<ContainerState['terminated']>, prefix: string): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

const condTrue = (pod: Pod, type: string) => (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

export function podSummary(pod: Pod): PodSummary {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const inits = spec.initContainers ?? [];
  const sidecar = new Set(inits.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const total = (spec.containers ?? []).length + sidecar.size;
  const phase = status.phase ?? '';
  let reason = status.reason || phase;
  if ((status.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    const isSidecar = sidecar.has(c.name);
    restarts += c.restartCount ?? 0;
    lastRestart = later(lastRestart, c);
    if (isSidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, c);
    }
    const term = c.state?.terminated;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (isSidecar && c.started) {
      if (c.ready) ready++;
      continue;
    }
    const waiting = c.state?.waiting?.reason;
    if (term) reason = terminatedText(term, 'Init:');
    else if (waiting && waiting !== 'PodInitializing') reason = `Init:${waiting}`;
    else reason = `Init:${i}/${inits.length}`;
    initializing = true;
    break; // the first unfinished init container decides
  }

  if (!initializing || condTrue(pod, 'Initialized')) {
    // Only sidecar restarts count alongside the app containers once the pod is initialised.
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const cs = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, c);
      const st = c.state ?? {};
      if (st.waiting?.reason) reason = st.waiting.reason;
      else if (st.terminated) reason = terminatedText(st.terminated, '');
      else if (c.ready && st.running) {
        hasRunning = true;
        ready++;
      }
    }
    // A container that exited 0 while another still runs does not make the pod "Completed".
    if (reason === 'Completed' && hasRunning) reason = condTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  return { ready: `${ready}/${total}`, status: reason, restarts, ...(lastRestart !== undefined ? { lastRestart } : {}) };
}

/** "3" or, when the last restart time is known, "3 (2m ago)". */
export function restartsText(s: PodSummary, now: number): string {
  if (s.restarts === 0 || s.lastRestart === undefined) return String(s.restarts);
  return `${s.restarts} (${humanDuration(now - s.lastRestart)} ago)`;
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const conds = pod.status?.conditions ?? [];
  const ok = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
  return `${ok}/${gates.length}`;
}

export const podPrinter: Printer<Pod> = {
  columns: [
    NAME,
    col('Ready', 'Ready containers out of all containers.'),
    col('Status', 'Summary of the pod and container states.'),
    col('Restarts', 'Container restarts, with the time of the latest.'),
    AGE,
    col('IP', 'Pod IP address.', { wide: true }),
    col('Node', 'Node the pod is bound to.', { wide: true }),
    col('Nominated Node', 'Node nominated by preemption.', { wide: true }),
    col('Readiness Gates', 'Readiness gates that are satisfied.', { wide: true }),
  ],
  cells(pod, now): Cell[] {
    const s = podSummary(pod);
    const st = pod.status ?? {};
    const ip = st.podIPs?.[0]?.ip || st.podIP || '<none>';
    return [
      pod.metadata.name ?? '',
      s.ready,
      s.status,
      restartsText(s, now),
      since(pod.metadata.creationTimestamp, now),
      ip,
      pod.spec?.nodeName || '<none>',
      st.nominatedNodeName || '<none>',
      readinessGates(pod),
    ];
  },
  conditions(pod): TableRowCondition[] | undefined {
    // Finished pods carry a Completed row condition, as upstream marks them.
    const phase = pod.status?.phase;
    if (phase === 'Succeeded') return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'Pod finished successfully.' }];
    if (phase === 'Failed') return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'Pod failed.' }];
    return undefined;
  },
};
