// Stopping a container as upstream's killContainer: Killing event, preStop hook within the grace
// period, then SIGTERM and SIGKILL after what is left of it (at least 2 s).
import type { ContainerStatus } from '../../runtime/types';
import { LABELS } from '../../runtime/types';
import type { Pod } from '../types';
import type { SyncContext } from './context';
import { gracePeriod } from './context';

const MIN_GRACE_SECONDS = 2;

export interface KillOptions {
  /** Event message; default "Stopping container <name>". */
  message?: string;
  graceSeconds?: number;
  runPreStop?: boolean;
}

export async function killContainer(ctx: SyncContext, pod: Pod, status: ContainerStatus, opts: KillOptions = {}): Promise<void> {
  const name = status.labels[LABELS.container] ?? status.name;
  const spec = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === name);
  ctx.probes.remove(status.id);
  if (status.state !== 'running' && status.state !== 'created') return;
  let grace = opts.graceSeconds ?? gracePeriod(pod);
  ctx.recorder.event(pod, name, 'Normal', 'Killing', opts.message ?? `Stopping container ${name}`);
  const preStop = spec?.lifecycle?.preStop;
  if (preStop && opts.runPreStop !== false && status.state === 'running') {
    const started = Date.now();
    const ip = (await ctx.runtime.listSandboxes({ [LABELS.podUid]: pod.metadata.uid ?? '' })).find((s) => s.state === 'ready')?.ips[0];
    const r = await ctx.deps.runHook(preStop, { podIP: pod.spec.hostNetwork ? ctx.hostIP : (ip ?? ctx.hostIP), hostIP: ctx.hostIP, containerId: status.id, runtime: ctx.runtime, container: spec }, grace);
    if (!r.ok) ctx.recorder.event(pod, name, 'Warning', 'FailedPreStopHook', `PreStopHook failed: ${r.message}`);
    grace -= Math.floor((Date.now() - started) / 1000);
  }
  await ctx.runtime.stopContainer(status.id, Math.max(grace, MIN_GRACE_SECONDS));
}
