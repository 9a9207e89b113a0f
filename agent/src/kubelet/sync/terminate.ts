// Ending pods: a graceful deletion (preStop, stop within the grace period, final status, then the
// zero-grace delete that lets the API server drop the object, as the kubelet's status manager does), and
// removing everything of a pod that is gone from the API.
import { StatusError } from '../../../../workers/kube/status';
import { LABELS } from '../../runtime/types';
import type { PodState, SyncContext } from './context';
import { podApiPath } from './context';
import { killContainer } from './kill';
import { observe, reportStatus } from './sync-pod';

export async function syncTerminating(ctx: SyncContext, state: PodState): Promise<void> {
  const pod = state.pod;
  // Everything is gone already; the object waits for its finalizers.
  if (state.deleteSent) return;
  state.observed = await observe(ctx, pod.metadata.uid ?? '');
  const running = state.observed.containers.filter((c) => c.state === 'running' || c.state === 'created');
  // Regular containers first with their preStop hooks, all at once; sidecars after them, as upstream.
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const isSidecar = (c: (typeof running)[number]) => sidecars.has(c.labels[LABELS.container] ?? '');
  await Promise.all(running.filter((c) => !isSidecar(c)).map((c) => killContainer(ctx, pod, c)));
  await Promise.all(running.filter(isSidecar).map((c) => killContainer(ctx, pod, c)));
  state.terminal = true;
  await reportStatus(ctx, state);
  await ctx.statuses.settle(pod.metadata.uid ?? '');
  await removePodResources(ctx, pod.metadata.uid ?? '');
  try {
    await ctx.api.delete(podApiPath(pod), { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
  } catch (e) {
    // Gone already, or the name belongs to a new pod now.
    if (!(e instanceof StatusError && (e.code === 404 || e.code === 409))) throw e;
  }
  state.deleteSent = true;
}

/**
 * Stops and removes every container and sandbox the runtime holds for the pod uid, and its volumes.
 * Used for pods that left the API (or this node) and for leftovers found at start-up.
 */
export async function removePodResources(ctx: SyncContext, uid: string): Promise<void> {
  const { sandboxes, containers } = await observe(ctx, uid);
  await Promise.all(
    containers.map(async (c) => {
      ctx.probes.remove(c.id);
      if (c.state === 'running') await ctx.runtime.stopContainer(c.id, Number(c.labels[LABELS.gracePeriod] ?? '30') || 2);
      await ctx.runtime.removeContainer(c.id);
    }),
  );
  for (const s of sandboxes) await ctx.runtime.removeSandbox(s.id);
  await ctx.deps.volumes.tearDown(uid);
  ctx.crashBackoff.resetPrefix(`${uid}/`);
  ctx.pullBackoff.resetPrefix(`${uid}_`);
}
