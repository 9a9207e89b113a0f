// Starting one container instance, step by step as upstream's startContainer: image, config (runAsNonRoot,
// env, mounts), create, start, postStart hook. Each failure becomes the container's waiting reason.
import type { ContainerSpec, SandboxStatus } from '../../runtime/types';
import { containerLabels, type ContainerKind } from '../spec/labels';
import { runtimeResources } from '../spec/resources';
import { runtimeSecurity, verifyRunAsNonRoot } from '../spec/security';
import type { Container, Pod, WaitingReason } from '../types';
import { timed } from '../startup';
import type { SyncContext } from './context';
import { ensureImage } from './images';
import { killContainer } from './kill';

export interface StartRequest {
  container: Container;
  kind: ContainerKind;
  attempt: number;
  sandbox: SandboxStatus;
}

/** The pod's IPs as the kubelet reports them (the node's for host-network pods). */
export function podIPsOf(ctx: SyncContext, pod: Pod, sandbox: SandboxStatus): string[] {
  return pod.spec.hostNetwork || sandbox.ips.length === 0 ? [ctx.hostIP] : sandbox.ips;
}

/** Starts the container; returns why it could not, or undefined once it runs (and its postStart passed). */
export async function startContainer(ctx: SyncContext, pod: Pod, req: StartRequest): Promise<WaitingReason | undefined> {
  const c = req.container;
  const configError = (message: string): WaitingReason => {
    ctx.recorder.event(pod, c.name, 'Warning', 'Failed', `Error: ${message}`);
    return { reason: 'CreateContainerConfigError', message };
  };

  const trace = ctx.startup.get(pod.metadata.uid ?? '');
  const image = await timed(trace, 'image', () => ensureImage(ctx, pod, c));
  if (!image.ok) return image.waiting;
  const nonRoot = verifyRunAsNonRoot(pod, c, image.info);
  if (nonRoot) return configError(nonRoot);

  const podIPs = podIPsOf(ctx, pod, req.sandbox);
  const configStart = performance.now();
  const env = await ctx.deps.resolveEnv(pod, c, ctx.deps.objects, { nodeName: ctx.nodeName, hostIP: ctx.hostIP, podIPs });
  if (!env.ok) return configError(env.message);
  let mounts;
  try {
    mounts = ctx.deps.volumes.mountsFor(pod, c, env.env);
  } catch (e) {
    return configError((e as Error).message);
  }
  trace?.add('config', performance.now() - configStart);

  const spec: ContainerSpec = {
    sandboxId: req.sandbox.id,
    name: c.name,
    image: c.image ?? '',
    ...(c.command ? { command: [...c.command] } : {}),
    ...(c.args ? { args: [...c.args] } : {}),
    ...(c.workingDir ? { workingDir: c.workingDir } : {}),
    env: env.env,
    mounts,
    labels: containerLabels(pod, ctx.nodeName, c, req.kind, req.attempt),
    ...(c.tty ? { tty: true } : {}),
    ...(c.stdin ? { stdin: true } : {}),
    ...(c.stdinOnce ? { stdinOnce: true } : {}),
    resources: runtimeResources(c),
    security: runtimeSecurity(pod, c),
  };
  let id: string;
  try {
    id = await timed(trace, 'create', () => ctx.runtime.createContainer(spec));
  } catch (e) {
    const message = (e as Error).message;
    ctx.recorder.event(pod, c.name, 'Warning', 'Failed', `Error: ${message}`);
    return { reason: 'CreateContainerError', message };
  }
  ctx.recorder.event(pod, c.name, 'Normal', 'Created', `Created container: ${c.name}`);
  try {
    await timed(trace, 'start', () => ctx.runtime.startContainer(id));
  } catch (e) {
    const message = `failed to start container "${id}": ${(e as Error).message}`;
    ctx.recorder.event(pod, c.name, 'Warning', 'Failed', `Error: ${message}`);
    return { reason: 'RunContainerError', message };
  }
  ctx.recorder.event(pod, c.name, 'Normal', 'Started', `Started container ${c.name}`);

  const postStart = c.lifecycle?.postStart;
  if (postStart) {
    const target = { podIP: podIPs[0], hostIP: ctx.hostIP, containerId: id, runtime: ctx.runtime, container: c };
    const r = await ctx.deps.runHook(postStart, target, pod.spec.terminationGracePeriodSeconds ?? 30);
    if (!r.ok) {
      ctx.recorder.event(pod, c.name, 'Warning', 'FailedPostStartHook', r.message);
      const status = await ctx.runtime.containerStatus(id);
      if (status) await killContainer(ctx, pod, status, { message: `FailedPostStartHook`, runPreStop: false });
      return { reason: 'PostStartHookError', message: r.message };
    }
  }
  return undefined;
}
