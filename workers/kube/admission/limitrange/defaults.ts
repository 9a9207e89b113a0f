// Container defaults: each Container item's `default` (limits) and `defaultRequest` (requests) fill what
// a container leaves unset; the pod is annotated with what was set, as upstream.
import type { LimitRangeItem } from './validate';
import type { ResourceList } from './resources';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

interface Container {
  name: string;
  resources?: { requests?: ResourceList; limits?: ResourceList; [k: string]: unknown };
}
interface PodLike {
  metadata: { annotations?: Record<string, string> };
  spec?: { containers?: Container[]; initContainers?: Container[] };
}

function defaultsOf(items: LimitRangeItem[]): { requests: ResourceList; limits: ResourceList } {
  const requests: ResourceList = {};
  const limits: ResourceList = {};
  for (const item of items) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  return { requests, limits };
}

function merge(c: Container, d: { requests: ResourceList; limits: ResourceList }, prefix: string, notes: string[]) {
  const setRequests: string[] = [];
  const setLimits: string[] = [];
  const res = (c.resources ??= {});
  for (const [k, v] of Object.entries(d.limits)) {
    if (res.limits?.[k] !== undefined) continue;
    (res.limits ??= {})[k] = v;
    setLimits.push(k);
  }
  for (const [k, v] of Object.entries(d.requests)) {
    if (res.requests?.[k] !== undefined) continue;
    (res.requests ??= {})[k] = v;
    setRequests.push(k);
  }
  if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
  if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
}

/** Applies the namespace's LimitRange defaults to a new pod; true when anything was set. */
export function applyPodDefaults(pod: PodLike, limitRanges: LimitRangeItem[][]): boolean {
  const notes: string[] = [];
  for (const items of limitRanges) {
    const d = defaultsOf(items);
    if (!Object.keys(d.requests).length && !Object.keys(d.limits).length) continue;
    for (const c of pod.spec?.containers ?? []) merge(c, d, 'container', notes);
    for (const c of pod.spec?.initContainers ?? []) merge(c, d, 'init container', notes);
  }
  if (!notes.length) return false;
  pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
  return true;
}
