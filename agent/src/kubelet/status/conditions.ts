// The kubelet-owned pod conditions, with upstream's reasons and messages (pkg/kubelet/status/generate.go).
// Go prints a []string as "[a b]", which the messages copy.
import type { PodSpec } from '../../../../workers/kube/resources/core/pod/spec';
import type { V1ContainerStatus, V1PodCondition } from '../types';
import { anyRegularStarted, isSidecar, type Phase } from './phase';

const list = (names: string[]) => `[${names.join(' ')}]`;

type Cond = Omit<V1PodCondition, 'lastTransitionTime' | 'lastProbeTime'>;

export function readyToStartContainers(sandboxReady: boolean): Cond {
  return { type: 'PodReadyToStartContainers', status: sandboxReady ? 'True' : 'False' };
}

export function initialized(spec: PodSpec, statuses: V1ContainerStatus[], phase: Phase): Cond {
  const byName = new Map(statuses.map((s) => [s.name, s]));
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of spec.initContainers ?? []) {
    const s = byName.get(c.name);
    if (!s) unknown.push(c.name);
    else if (isSidecar(c) ? !s.started : !(s.state.terminated && s.state.terminated.exitCode === 0)) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  // Once a regular container has started the pod was initialized, even if a sidecar restarts later.
  if (anyRegularStarted(spec, statuses)) return { type: 'Initialized', status: 'True' };
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with incomplete status: ${list(unknown)}`);
  if (incomplete.length) messages.push(`containers with incomplete status: ${list(incomplete)}`);
  if (messages.length) return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: messages.join(', ') };
  return { type: 'Initialized', status: 'True' };
}

export function containersReady(spec: PodSpec, statuses: V1ContainerStatus[], phase: Phase): Cond {
  const byName = new Map(statuses.map((s) => [s.name, s]));
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (name: string) => {
    const s = byName.get(name);
    if (!s) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  for (const c of spec.initContainers ?? []) if (isSidecar(c)) check(c.name);
  for (const c of spec.containers) check(c.name);
  if (phase === 'Succeeded' && unknown.length === 0) return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  // A failed pod's containers may still be stopping: never ready.
  if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${list(unknown)}`);
  if (unready.length) messages.push(`containers with unready status: ${list(unready)}`);
  if (messages.length) return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: messages.join(', ') };
  return { type: 'ContainersReady', status: 'True' };
}

/** Ready = ContainersReady and every readiness gate's condition True (`others`: the pod's current conditions). */
export function podReady(spec: PodSpec, containers: Cond, others: V1PodCondition[]): Cond {
  if (containers.status !== 'True') return { type: 'Ready', status: containers.status, reason: containers.reason, message: containers.message };
  const messages: string[] = [];
  for (const gate of spec.readinessGates ?? []) {
    const c = others.find((o) => o.type === gate.conditionType);
    if (!c) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (messages.length) return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: messages.join(', ') };
  return { type: 'Ready', status: 'True' };
}

/** Conditions owned by the kubelet; others (readiness gates, DisruptionTarget, ...) are kept as they are. */
export const KUBELET_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers']);
