// The downward API: pod fields and container resources exposed to the container, shared by env vars
// (valueFrom.fieldRef / resourceFieldRef) and downwardAPI / projected volume files.
import type { Pod } from '../../../../workers/kube/resources/core/pod';
import type { Container } from '../../../../workers/kube/resources/core/pod/container';
import { parseQuantity, quantityToMilli, quantityValue } from '../../../../workers/kube/quantity';

/** Node facts the pod's own object does not carry yet (the kubelet knows them first). */
export interface DownwardContext {
  nodeName?: string;
  hostIP?: string;
  hostIPs?: string[];
  podIPs?: string[];
}

/** `k="v"` lines sorted by key, as upstream formats whole label and annotation maps. */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join('\n');
}

const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.*)'\]$/;

/**
 * A field of the pod. Env vars may also read spec.* and status.* (with `ctx`); volumes pass no ctx
 * and get only metadata, as upstream validation allows there. Throws on an unsupported path.
 */
export function fieldRefValue(pod: Pod, fieldPath: string, ctx?: DownwardContext): string {
  const md = pod.metadata;
  const sub = SUBSCRIPT.exec(fieldPath);
  if (sub) return (sub[1] === 'labels' ? md.labels : md.annotations)?.[sub[2]] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return md.name ?? '';
    case 'metadata.namespace':
      return md.namespace ?? '';
    case 'metadata.uid':
      return md.uid ?? '';
    case 'metadata.labels':
      return formatMap(md.labels);
    case 'metadata.annotations':
      return formatMap(md.annotations);
  }
  if (ctx) {
    const status = (pod.status ?? {}) as { podIP?: string; podIPs?: { ip: string }[]; hostIP?: string; hostIPs?: { ip: string }[] };
    const podIPs = ctx.podIPs?.length ? ctx.podIPs : (status.podIPs?.map((p) => p.ip) ?? (status.podIP ? [status.podIP] : []));
    const hostIPs = ctx.hostIPs?.length ? ctx.hostIPs : ctx.hostIP ? [ctx.hostIP] : (status.hostIPs?.map((p) => p.ip) ?? []);
    switch (fieldPath) {
      case 'spec.nodeName':
        return pod.spec.nodeName || ctx.nodeName || '';
      case 'spec.serviceAccountName':
        return pod.spec.serviceAccountName ?? '';
      case 'status.hostIP':
        return hostIPs[0] ?? status.hostIP ?? '';
      case 'status.hostIPs':
        return hostIPs.join(',');
      case 'status.podIP':
        return podIPs[0] ?? '';
      case 'status.podIPs':
        return podIPs.join(',');
    }
  }
  throw new Error(`unsupported fieldPath: ${fieldPath}`);
}

/** Resources upstream defaults to node allocatable when a container sets no limit. */
const DEFAULTED_LIMITS = ['cpu', 'memory', 'ephemeral-storage'];

/**
 * limits.* / requests.* of a container divided by `divisor` and rounded up, as upstream: CPU in
 * milli-units, everything else in whole units. A missing limit reads node allocatable when given.
 */
export function resourceFieldValue(
  sel: { resource: string; divisor?: string | number },
  container: Pick<Container, 'resources'>,
  allocatable?: Record<string, string>,
): string {
  const dot = sel.resource.indexOf('.');
  const kind = sel.resource.slice(0, dot);
  const name = sel.resource.slice(dot + 1);
  const known = DEFAULTED_LIMITS.includes(name) || name.startsWith('hugepages-');
  if ((kind !== 'limits' && kind !== 'requests') || !known) throw new Error(`unsupported container resource : ${sel.resource}`);
  const list = (kind === 'limits' ? container.resources?.limits : container.resources?.requests) as Record<string, string | number> | undefined;
  let raw = list?.[name];
  if (raw === undefined && kind === 'limits' && DEFAULTED_LIMITS.includes(name)) raw = allocatable?.[name];
  const value = parseQuantity(raw ?? 0);
  let divisor = parseQuantity(sel.divisor ?? 0);
  if (divisor.unscaled === 0n) divisor = parseQuantity(1);
  const toUnits = name === 'cpu' ? quantityToMilli : quantityValue;
  const v = toUnits(value);
  const d = toUnits(divisor);
  // ceil(v / d) on integers; values are never negative here.
  return String(d === 0n ? 0n : (v + d - 1n) / d);
}
