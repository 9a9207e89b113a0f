// What a sync must do to move the runtime towards the pod's spec: upstream's computePodActions as a pure
// function of the pod, what the runtime holds for it and the kills probes asked for.
import type { ContainerStatus, SandboxStatus } from '../../runtime/types';
import { LABELS } from '../../runtime/types';
import { specHash, type ContainerKind } from '../spec/labels';
import { instancesByName, timeOf } from '../status/generate';
import { shouldRestart } from '../status/containers';
import { isSidecar } from '../status/phase';
import { attemptOf } from '../spec/labels';
import type { Container, ObservedPod, Pod } from '../types';

export interface ToStart {
  container: Container;
  kind: ContainerKind;
  /** restartCount of the new instance: one more than the newest existing one. */
  attempt: number;
  /** The newest exited instance, whose finish time starts the crash-loop back-off. */
  lastExited?: ContainerStatus;
}

export interface ToKill {
  status: ContainerStatus;
  message: string;
  graceSeconds?: number;
}

export interface PodActions {
  /** The ready sandbox to use, when it can be kept. */
  sandbox?: SandboxStatus;
  createSandbox: boolean;
  /** Every running container goes (the sandbox is gone, or the pod is finished). */
  killPod: boolean;
  start: ToStart[];
  kill: ToKill[];
  /** Nothing will ever be started again (an init container failed under Never, or all containers are done). */
  finished: boolean;
}

export interface KillRequest {
  message: string;
  graceSeconds: number;
}

function startOf(c: Container, kind: ContainerKind, list: ContainerStatus[]): ToStart {
  const latest = list[0];
  return { container: c, kind, attempt: latest ? attemptOf(latest.labels) + 1 : 0, lastExited: list.find((i) => i.state === 'exited') };
}

const initPolicy = (c: Container, pod: Pod) => (isSidecar(c) ? 'Always' : pod.spec.restartPolicy === 'Never' ? 'Never' : 'OnFailure');

/**
 * `started(id)`: whether a running container passed its startup probe (the next init container waits
 * for a sidecar to have started).
 */
export function computePodActions(pod: Pod, observed: ObservedPod, killRequests: ReadonlyMap<string, KillRequest>, started: (id: string) => boolean = () => true): PodActions {
  const policy = pod.spec.restartPolicy ?? 'Always';
  const byName = instancesByName(observed.containers);
  const ready = observed.sandboxes.filter((s) => s.state === 'ready').sort((a, b) => timeOf(b.createdAt) - timeOf(a.createdAt));
  const sandbox = ready[0];
  const out: PodActions = { sandbox, createSandbox: false, killPod: false, start: [], kill: [], finished: false };
  const inits = pod.spec.initContainers ?? [];

  if (!sandbox || (sandbox.ips.length === 0 && !pod.spec.hostNetwork)) {
    out.sandbox = undefined;
    out.killPod = observed.containers.some((c) => c.state === 'running');
    // A pod that never restarts and already ran something is not brought back in a new sandbox.
    if (policy === 'Never' && observed.sandboxes.length > 0 && observed.containers.length > 0) {
      out.finished = true;
      return out;
    }
    const regular = pod.spec.containers.filter((c) => !(policy === 'OnFailure' && byName.get(c.name)?.[0]?.exitCode === 0 && byName.get(c.name)?.[0]?.state === 'exited'));
    if (regular.length === 0) {
      out.finished = true;
      return out;
    }
    out.createSandbox = true;
    if (inits.length) out.start.push(startOf(inits[0], 'init', byName.get(inits[0].name) ?? []));
    else out.start.push(...regular.map((c) => startOf(c, 'regular', byName.get(c.name) ?? [])));
    return out;
  }

  // Probe-requested kills (liveness, startup) of running containers.
  for (const c of observed.containers) {
    const req = killRequests.get(c.id);
    if (req && c.state === 'running') out.kill.push({ status: c, message: req.message, graceSeconds: req.graceSeconds });
  }
  const killing = new Set(out.kill.map((k) => k.status.id));

  // Init containers, one at a time in order; sidecars are started and left running. Only instances
  // from the current sandbox count: a new sandbox runs the init containers again.
  const current = (name: string) => (byName.get(name) ?? []).filter((i) => timeOf(i.createdAt) >= timeOf(sandbox.createdAt));
  for (const c of inits) {
    const list = byName.get(c.name) ?? [];
    const latest = current(c.name)[0];
    const sidecar = isSidecar(c);
    if (latest?.state === 'running') {
      if (sidecar && started(latest.id)) continue;
      return out;
    }
    if (latest?.state === 'exited' && latest.exitCode === 0 && !sidecar) continue;
    if (latest?.state === 'exited' && !shouldRestart(latest, initPolicy(c, pod), false)) {
      // An init container failed and the pod never restarts: the pod failed.
      out.finished = true;
      return out;
    }
    // Once regular containers ran, the pod was initialized: only sidecars are brought back, and the
    // regular containers are looked after in the same pass.
    const initialized = pod.spec.containers.some((r) => current(r.name).length > 0);
    if (!sidecar && initialized) continue;
    out.start.push(startOf(c, 'init', list));
    // Before that, one init container at a time: the next pass sees it running (or done).
    if (!initialized) return out;
  }

  let keep = 0;
  for (const c of pod.spec.containers) {
    const list = byName.get(c.name) ?? [];
    const latest = list[0];
    if (latest?.state === 'running') {
      if (killing.has(latest.id)) continue;
      if (latest.labels[LABELS.specHash] !== specHash(c)) {
        out.kill.push({ status: latest, message: `Container ${c.name} definition changed, will be restarted` });
        continue;
      }
      keep++;
      continue;
    }
    if (shouldRestart(latest, policy, false)) out.start.push(startOf(c, 'regular', list));
  }
  // Sidecars still count as work while regular containers run; once they all ended the pod is done.
  const sidecarsOnly = out.start.every((s) => s.kind === 'init' && isSidecar(s.container));
  if (keep === 0 && killing.size === 0 && (out.start.length === 0 || sidecarsOnly) && !out.kill.length) {
    const regularRan = pod.spec.containers.every((c) => byName.has(c.name));
    if (regularRan) {
      out.finished = true;
      out.killPod = observed.containers.some((c) => c.state === 'running');
      out.start = [];
    }
  }
  return out;
}
