// Container statuses as upstream's convertToAPIContainerStatuses builds them: the newest instance is the
// state, the one before it the lastState; a container that will be restarted and whose last start
// attempt failed shows the failure (ErrImagePull, CrashLoopBackOff, ...) as its waiting state.
import type { ContainerStatus } from '../../runtime/types';
import type { Container, ProbeState, V1ContainerState, V1ContainerStatus, WaitingReason } from '../types';
import { hasMemoryLimit } from '../spec/resources';
import { attemptOf } from '../spec/labels';

export interface ContainerStatusInput {
  spec: Container;
  /** Runtime instances of this container, newest first. */
  instances: ContainerStatus[];
  /** Why the last sync could not start it, if it could not. */
  waiting?: WaitingReason;
  /** Whether the next sync would (re)start it (upstream's ShouldContainerBeRestarted). */
  willRestart: boolean;
  /** Reason shown before the first instance exists: ContainerCreating, or PodInitializing with init containers. */
  defaultReason: string;
  probes: (containerId: string) => ProbeState;
  /** URI scheme of container ids, e.g. "docker". */
  scheme: string;
}

export function terminatedReason(spec: Container, c: ContainerStatus): string {
  if (c.oomKilled || (c.exitCode === 137 && hasMemoryLimit(spec))) return 'OOMKilled';
  if (c.error && !c.startedAt) return 'StartError';
  return c.exitCode === 0 ? 'Completed' : 'Error';
}

function stateOf(input: ContainerStatusInput, c: ContainerStatus | undefined): V1ContainerState {
  if (!c) return {};
  const id = `${input.scheme}://${c.id}`;
  if (c.state === 'running') return { running: { startedAt: c.startedAt } };
  if (c.state === 'exited') {
    const message = c.error && !c.startedAt ? c.error : undefined;
    return {
      terminated: {
        exitCode: c.exitCode ?? 0,
        reason: terminatedReason(input.spec, c),
        ...(message ? { message } : {}),
        ...(c.startedAt ? { startedAt: c.startedAt } : {}),
        ...(c.finishedAt ? { finishedAt: c.finishedAt } : {}),
        containerID: id,
      },
    };
  }
  // created or unknown: about to be started (or failed to be).
  return { waiting: { reason: input.defaultReason } };
}

export function containerStatusOf(input: ContainerStatusInput): V1ContainerStatus {
  const [latest, previous] = input.instances;
  const out: V1ContainerStatus = {
    name: input.spec.name,
    state: latest ? stateOf(input, latest) : { waiting: { reason: input.defaultReason } },
    lastState: stateOf(input, previous),
    ready: false,
    restartCount: latest ? attemptOf(latest.labels) : 0,
    image: input.spec.image ?? '',
    imageID: latest?.imageId ?? '',
    started: false,
  };
  if (latest) out.containerID = `${input.scheme}://${latest.id}`;
  if (latest?.state === 'running') {
    const probe = input.probes(latest.id);
    out.started = probe.started ?? true;
    // Without a readiness probe a started container is ready; with one it waits for the first success.
    out.ready = out.started && (input.spec.readinessProbe ? probe.ready === true : true);
  }
  if (input.waiting && input.willRestart && latest?.state !== 'running') {
    if (out.state.terminated) out.lastState = out.state;
    out.state = { waiting: { reason: input.waiting.reason, message: input.waiting.message } };
  }
  return out;
}

/** Upstream's ShouldContainerBeRestarted, given the pod's restart policy. */
export function shouldRestart(latest: ContainerStatus | undefined, restartPolicy: string, deleting: boolean): boolean {
  if (deleting) return false;
  if (!latest) return true;
  if (latest.state === 'running') return false;
  if (latest.state === 'created' || latest.state === 'unknown') return true;
  if (restartPolicy === 'Never') return false;
  if (restartPolicy === 'OnFailure') return latest.exitCode !== 0;
  return true;
}
