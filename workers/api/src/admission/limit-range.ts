// LimitRanger admission: a new pod gets its namespace's LimitRange defaults (requests and limits of its
// containers), then pods and PersistentVolumeClaims are held to the ranges' min, max and ratio; a
// violation is 403 Forbidden with upstream's message. Runs on create only: container resources are
// immutable afterwards (in-place resize goes through the resize subresource, which we do not serve).
import { applyPodDefaults, forbiddenText, type LimitRangeItem, validateClaim, validatePod } from '../../../kube/admission/limitrange';
import type { KObject } from '../../../kube/registry/types';
import { qosClass } from '../../../kube/resources/core/pod/qos';
import { forbidden } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { listObjects } from '../store';
import { take } from './read-ahead';

interface LimitRange extends KObject {
  spec?: { limits?: LimitRangeItem[] };
}

/** The namespace's LimitRanges as JSON bodies (a pod create reads them ahead, see read-ahead.ts). */
export const readLimitRanges = async (ctx: ResourceCtx, namespace: string): Promise<string[]> =>
  (await listObjects(ctx.db, { resource: 'limitranges', namespace })).rows.map((r) => r.json);

async function rangesOf(ctx: ResourceCtx, namespace: string): Promise<LimitRangeItem[][]> {
  const bodies = await take(ctx, `limitranges/${namespace}`, () => readLimitRanges(ctx, namespace));
  return bodies.map((b) => (JSON.parse(b) as LimitRange).spec?.limits ?? []).filter((l) => l.length);
}

export async function admitLimitRange(ctx: ResourceCtx, obj: KObject): Promise<void> {
  const { def } = ctx;
  if (def.group !== '' || ctx.req.subresource || (def.kind !== 'Pod' && def.kind !== 'PersistentVolumeClaim')) return;
  const namespace = obj.metadata.namespace;
  if (!namespace) return;
  const ranges = await rangesOf(ctx, namespace);
  if (!ranges.length) return;
  const messages: string[] = [];
  if (def.kind === 'Pod') {
    const pod = obj as KObject & { spec?: Parameters<typeof qosClass>[0]; status?: { qosClass?: string } };
    if (applyPodDefaults(pod as never, ranges) && pod.spec && pod.status) pod.status.qosClass = qosClass(pod.spec);
    for (const items of ranges) messages.push(...validatePod((pod.spec ?? {}) as never, items));
  } else {
    for (const items of ranges) messages.push(...validateClaim((obj as { spec?: never }).spec, items));
  }
  if (messages.length) {
    throw forbidden(`${def.plural} "${obj.metadata.name ?? ''}" is forbidden: ${forbiddenText(messages)}`, { name: obj.metadata.name, kind: def.plural });
  }
}
