// The pod phase from its container statuses, as upstream's getPhase (kubelet_pods.go) decides it,
// sidecar (restartable init) containers included.
import type { PodSpec } from '../../../../workers/kube/resources/core/pod/spec';
import type { V1ContainerStatus } from '../types';

export type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

type InitContainer = NonNullable<PodSpec['initContainers']>[number];

export const isSidecar = (c: InitContainer) => c.restartPolicy === 'Always';

/** Whether any regular container has started before (upstream's HasAnyRegularContainerStarted). */
export function anyRegularStarted(spec: PodSpec, statuses: V1ContainerStatus[]): boolean {
  const names = new Set(spec.containers.map((c) => c.name));
  return statuses.some((s) => names.has(s.name) && (s.state.running || s.state.terminated || s.lastState.terminated));
}

/**
 * `podIsTerminal`: the kubelet has decided the pod is done (deleted and stopped, or failed to
 * initialize), so its containers will not restart whatever the restart policy.
 */
export function getPhase(spec: PodSpec, init: V1ContainerStatus[], regular: V1ContainerStatus[], podIsTerminal: boolean): Phase {
  const byName = new Map([...init, ...regular].map((s) => [s.name, s]));
  let pendingInitialization = 0;
  let failedInitialization = 0;
  for (const c of spec.initContainers ?? []) {
    if (isSidecar(c)) continue;
    const s = byName.get(c.name);
    if (!s || s.state.running) pendingInitialization++;
    else if (s.state.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingInitialization++;
    } else pendingInitialization++;
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.initContainers ?? []) {
    if (!isSidecar(c)) continue;
    const s = byName.get(c.name);
    if (!s) unknown++;
    else if (s.state.running) {
      if (!s.started) pendingInitialization++;
      running++;
    } else if (s.state.terminated) {
      // Stopped sidecars do not count towards the phase.
    } else if (s.state.waiting) {
      if (!s.lastState.terminated) {
        pendingInitialization++;
        waiting++;
      }
    } else {
      pendingInitialization++;
      unknown++;
    }
  }
  for (const c of spec.containers) {
    const s = byName.get(c.name);
    if (!s) unknown++;
    else if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }

  const restartPolicy = spec.restartPolicy ?? 'Always';
  if (failedInitialization > 0 && restartPolicy === 'Never') return 'Failed';
  if ((pendingInitialization > 0 && !anyRegularStarted(spec, regular)) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}
