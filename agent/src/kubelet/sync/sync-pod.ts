// One pass of a pod worker for a pod that should run: observe, compute actions, carry them out, report
// status. Idempotent: every pass starts from what the runtime holds, so a restarted agent adopts
// running containers instead of starting them again.
import { LABELS, type SandboxStatus } from '../../runtime/types';
import { goDuration } from '../backoff';
import { sandboxSpec } from '../spec/sandbox';
import { specHash } from '../spec/labels';
import { timed, type StartupTrace } from '../startup';
import { generatePodStatus, instancesByName, timeOf } from '../status/generate';
import { podDesc, type ObservedPod, type Pod, type WaitingReason } from '../types';
import { computePodActions, type ToStart } from './actions';
import type { PodState, SyncContext } from './context';
import { killContainer } from './kill';
import { startContainer } from './start';
import { readTerminationMessages } from './termination-message';

export async function observe(ctx: SyncContext, uid: string): Promise<ObservedPod> {
  return ctx.runtime.listPod({ [LABELS.podUid]: uid });
}

/** Computes the status from a fresh look at the runtime and hands it to the status manager. */
export async function reportStatus(ctx: SyncContext, state: PodState): Promise<void> {
  const pod = state.pod;
  const uid = pod.metadata.uid ?? '';
  const trace = ctx.startup.get(uid);
  const t = performance.now();
  state.observed = await observe(ctx, uid);
  // Probe workers exist before the status reads their state (a new container with a startup probe
  // must not show as started in between).
  if (!state.terminal && !pod.metadata.deletionTimestamp) await ensureProbes(ctx, state);
  await readTerminationMessages(ctx, state, state.observed.containers);
  const status = generatePodStatus({
    pod,
    observed: state.observed,
    hostIP: ctx.hostIP,
    scheme: ctx.scheme,
    waiting: state.waiting,
    probes: (id) => ctx.probes.state(id),
    terminal: state.terminal,
    terminationMessages: state.terminationMessages,
    now: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    previous: state.lastStatus,
    failure: state.failure,
  });
  state.lastStatus = status;
  trace?.add('report', performance.now() - t);
  ctx.startup.reported(uid, status);
  ctx.statuses.set(pod, status);
}

/** Crash-loop back-off key: the pod and the container's spec, as upstream's getStableKey. */
export const backoffKey = (pod: Pod, name: string, hash: string) => `${pod.metadata.uid}/${name}/${hash}`;

export async function syncPod(ctx: SyncContext, state: PodState): Promise<void> {
  const pod = state.pod;
  const uid = pod.metadata.uid ?? '';
  const trace = ctx.startup.get(uid);
  state.observed = await timed(trace, 'observe', () => observe(ctx, uid));
  await readTerminationMessages(ctx, state, state.observed.containers);
  if (state.terminal) return reportStatus(ctx, state);
  if (await enforceDeadline(ctx, state)) return reportStatus(ctx, state);

  // A new pod's sandbox needs none of its volumes: it starts while they are set up, instead of after
  // (upstream's order; see docs/decisions.md). Only for a pod with nothing in the runtime yet.
  const fresh = !state.observed.sandboxes.length && !state.observed.containers.length;
  const early = fresh ? newSandbox(ctx, state, trace) : undefined;
  const mounted = await timed(trace, 'volumes', () => ctx.deps.volumes.setUp(pod));
  if (!mounted.ok) {
    // A sandbox started meanwhile is kept: the next pass finds it ready and uses it.
    await early;
    ctx.recorder.event(pod, undefined, 'Warning', 'FailedMount', mounted.message);
    state.wakeNoLaterThan(Date.now() + 2000);
    return reportStatus(ctx, state);
  }

  // Probe state first: whether a sidecar has started decides whether the next init container may.
  await ensureProbes(ctx, state);
  const actions = computePodActions(pod, state.observed, state.killRequests, (id) => ctx.probes.state(id).started ?? true);
  if (actions.killPod) {
    await Promise.all(state.observed.containers.filter((c) => c.state === 'running').map((c) => killContainer(ctx, pod, c)));
  }
  for (const k of actions.kill) {
    state.killRequests.delete(k.status.id);
    await killContainer(ctx, pod, k.status, { message: k.message, graceSeconds: k.graceSeconds });
  }
  if (actions.finished || !actions.createSandbox) await early;
  if (actions.finished) {
    state.terminal = true;
    return reportStatus(ctx, state);
  }

  let sandbox = actions.sandbox;
  if (actions.createSandbox) {
    if (!early && state.observed.sandboxes.length) {
      ctx.recorder.event(pod, undefined, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
      for (const s of state.observed.sandboxes) await ctx.runtime.removeSandbox(s.id).catch(() => undefined);
    }
    sandbox = await (early ?? newSandbox(ctx, state, trace));
    if (!sandbox) return reportStatus(ctx, state);
  }
  if (sandbox) {
    for (const s of actions.start) {
      const waiting = await startWithBackoff(ctx, state, s, sandbox);
      if (waiting) state.waiting.set(s.container.name, waiting);
      else state.waiting.delete(s.container.name);
    }
  }
  // Only a restart leaves old instances behind; a pod's first start skips the extra look at the runtime.
  if (actions.start.some((s) => s.attempt > 0)) await removeOldInstances(ctx, state);
  await reportStatus(ctx, state);
}

/** Runs the pod's sandbox; a failure is an event and a retry in 5 s (undefined). */
async function newSandbox(ctx: SyncContext, state: PodState, trace: StartupTrace | undefined): Promise<SandboxStatus | undefined> {
  const pod = state.pod;
  try {
    return await timed(trace, 'sandbox', () => ctx.runtime.runSandbox(sandboxSpec(pod, ctx.nodeName, ctx.dns, ctx.podNetwork)));
  } catch (e) {
    ctx.recorder.event(pod, undefined, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${(e as Error).message}`);
    state.wakeNoLaterThan(Date.now() + 5000);
    return undefined;
  }
}

/** Dead instances kept per container: the newest one backs `kubectl logs --previous` (upstream's GC keeps one). */
const KEEP_DEAD = 1;

/** Removes exited instances beyond the newest running/dead ones, so a crash loop does not pile up containers. */
async function removeOldInstances(ctx: SyncContext, state: PodState): Promise<void> {
  const fresh = await observe(ctx, state.pod.metadata.uid ?? '');
  for (const list of instancesByName(fresh.containers).values()) {
    // Never-started instances (an agent crash between create and start) are dead too.
    const dead = list.filter((c) => c.state === 'exited' || c.state === 'created');
    // The newest instance (running or not) and KEEP_DEAD exited ones before it stay.
    const keep = new Set([list[0]?.id, ...dead.filter((c) => c.id !== list[0]?.id).slice(0, KEEP_DEAD).map((c) => c.id)]);
    for (const c of dead) {
      if (keep.has(c.id)) continue;
      await ctx.runtime.removeContainer(c.id).catch((e: unknown) => ctx.log('removing an old container failed', { id: c.id, err: (e as Error).message }));
      state.terminationMessages.delete(c.id);
    }
  }
}

/** activeDeadlineSeconds: once the pod ran that long since its start time, it is stopped and failed. */
async function enforceDeadline(ctx: SyncContext, state: PodState): Promise<boolean> {
  const pod = state.pod;
  const deadline = pod.spec.activeDeadlineSeconds;
  const start = timeOf(state.lastStatus?.startTime ?? pod.status?.startTime);
  if (!deadline || !start) return false;
  const end = start + deadline * 1000;
  if (Date.now() < end) {
    state.wakeNoLaterThan(end);
    return false;
  }
  const message = 'Pod was active on the node longer than the specified deadline';
  ctx.recorder.event(pod, undefined, 'Normal', 'DeadlineExceeded', message);
  await Promise.all(state.observed.containers.filter((c) => c.state === 'running').map((c) => killContainer(ctx, pod, c)));
  state.failure = { reason: 'DeadlineExceeded', message };
  state.terminal = true;
  return true;
}

/** Upstream's doBackOff, then startContainer. */
async function startWithBackoff(ctx: SyncContext, state: PodState, s: ToStart, sandbox: SandboxStatus): Promise<WaitingReason | undefined> {
  const pod = state.pod;
  const name = s.container.name;
  if (s.lastExited?.finishedAt) {
    const key = backoffKey(pod, name, specHash(s.container));
    const finished = Date.parse(s.lastExited.finishedAt);
    if (ctx.crashBackoff.isInBackOffSince(key, finished)) {
      ctx.recorder.event(pod, name, 'Warning', 'BackOff', `Back-off restarting failed container ${name} in pod ${podDesc(pod)}`);
      state.wakeNoLaterThan(ctx.crashBackoff.endsAt(key, finished));
      return { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(ctx.crashBackoff.get(key))} restarting failed container=${name} pod=${podDesc(pod)}` };
    }
    ctx.crashBackoff.next(key, finished);
  }
  const waiting = await startContainer(ctx, pod, { container: s.container, kind: s.kind, attempt: s.attempt, sandbox });
  if (waiting?.reason === 'ImagePullBackOff' || waiting?.reason === 'ErrImagePull') {
    // Look again halfway through the pull back-off (the status moves on to ImagePullBackOff, as
    // upstream's) and when it ends (pull again).
    const key = `${pod.metadata.uid}_${s.container.image ?? ''}`;
    const left = ctx.pullBackoff.remainingSinceUpdate(key);
    state.wakeNoLaterThan(Date.now() + Math.max(1000, waiting.reason === 'ErrImagePull' ? left / 2 : left));
  } else if (waiting) {
    // Config errors (a missing ConfigMap, ...) are retried on the next resync, as upstream.
    state.wakeNoLaterThan(Date.now() + 10_000);
  }
  return waiting;
}

/** Probe workers for every running container of the pod (the manager ignores ones it already has). */
async function ensureProbes(ctx: SyncContext, state: PodState): Promise<void> {
  const pod = state.pod;
  const ip = state.observed.sandboxes.find((s) => s.state === 'ready')?.ips[0];
  const podIP = pod.spec.hostNetwork ? ctx.hostIP : (ip ?? ctx.hostIP);
  for (const c of state.observed.containers) {
    const name = c.labels[LABELS.container] ?? c.name;
    const spec = [...(pod.spec.initContainers ?? []).filter((i) => i.restartPolicy === 'Always'), ...pod.spec.containers].find((x) => x.name === name);
    if (c.state === 'running' && spec) ctx.probes.ensure(pod, spec, c.id, podIP);
    else ctx.probes.remove(c.id);
  }
}
