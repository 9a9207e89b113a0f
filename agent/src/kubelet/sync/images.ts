// Making sure a container's image is present, per its imagePullPolicy, with upstream's events, waiting
// reasons and pull back-off (kubelet/images/image_manager.go).
import type { ImageInfo } from '../../runtime/types';
import type { Container, Pod, WaitingReason } from '../types';
import type { SyncContext } from './context';
import { registryAuthFor } from './pull-secrets';

export type ImageResult = { ok: true; info: ImageInfo } | { ok: false; waiting: WaitingReason };

/** The API defaults this; repeated here for pods that reached us without it. */
function pullPolicy(c: Container): string {
  if (c.imagePullPolicy) return c.imagePullPolicy;
  const image = c.image ?? '';
  const tag = image.includes('@') ? '' : (image.split('/').pop()?.split(':')[1] ?? '');
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function secondsText(ms: number): string {
  // Go prints durations like 1.234s; whole milliseconds are enough here.
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

export async function ensureImage(ctx: SyncContext, pod: Pod, c: Container): Promise<ImageResult> {
  const image = c.image ?? '';
  const policy = pullPolicy(c);
  const fail = (reason: string, message: string): ImageResult => {
    ctx.recorder.event(pod, c.name, 'Warning', 'Failed', `Error: ${reason}`);
    return { ok: false, waiting: { reason, message } };
  };
  const present = await ctx.runtime.inspectImage(image);
  if (policy !== 'Always' && present) {
    ctx.recorder.event(pod, c.name, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
    return { ok: true, info: present };
  }
  if (policy === 'Never') {
    const msg = `Container image "${image}" is not present with pull policy of Never`;
    ctx.recorder.event(pod, c.name, 'Warning', 'ErrImageNeverPull', msg);
    return fail('ErrImageNeverPull', msg);
  }
  const key = `${pod.metadata.uid}_${image}`;
  if (ctx.pullBackoff.isInBackOffSinceUpdate(key)) {
    const msg = `Back-off pulling image "${image}"`;
    ctx.recorder.event(pod, c.name, 'Normal', 'BackOff', msg);
    return fail('ImagePullBackOff', msg);
  }
  ctx.recorder.event(pod, c.name, 'Normal', 'Pulling', `Pulling image "${image}"`);
  const started = Date.now();
  try {
    const auth = await registryAuthFor(pod, image, ctx.deps.objects);
    const info = await ctx.runtime.pullImage(image, auth);
    const took = secondsText(Date.now() - started);
    ctx.recorder.event(pod, c.name, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${info.sizeBytes} bytes.`);
    ctx.pullBackoff.reset(key);
    return { ok: true, info };
  } catch (e) {
    const err = (e as Error).message;
    ctx.recorder.event(pod, c.name, 'Warning', 'Failed', `Failed to pull image "${image}": ${err}`);
    ctx.pullBackoff.next(key, Date.now());
    return fail('ErrImagePull', err);
  }
}
