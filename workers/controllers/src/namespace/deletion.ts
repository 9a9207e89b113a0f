// The namespace controller's decisions (pure): which resources to empty, what the leftovers mean for
// the namespace's conditions, when to look again, and the finalize request that lets it go.
import { deepEqual } from '../../../kube/json';
import type { KObject } from '../../../kube/registry/types';

/** The finalizer this controller owns (spec.finalizers, not metadata.finalizers). */
export const KUBERNETES_FINALIZER = 'kubernetes';

export interface DiscoveredResource {
  name: string;
  namespaced: boolean;
  verbs: string[];
}
export interface DiscoveredList {
  groupVersion: string;
  resources: DiscoveredResource[];
}

export interface Target {
  group: string;
  version: string;
  plural: string;
  canDeleteCollection: boolean;
}

/**
 * Namespaced resources that can be listed and deleted, one version each (lists come preferred version
 * first). Subresources carry a "/" and are skipped.
 */
export function deletableResources(lists: DiscoveredList[]): Target[] {
  const seen = new Set<string>();
  const out: Target[] = [];
  for (const l of lists) {
    const i = l.groupVersion.indexOf('/');
    const group = i < 0 ? '' : l.groupVersion.slice(0, i);
    const version = i < 0 ? l.groupVersion : l.groupVersion.slice(i + 1);
    for (const r of l.resources) {
      if (r.name.includes('/') || !r.namespaced || !r.verbs.includes('list') || !r.verbs.includes('delete')) continue;
      const key = `${group}/${r.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ group, version, plural: r.name, canDeleteCollection: r.verbs.includes('deletecollection') });
    }
  }
  return out;
}

/** What one resource looked like after the deletion pass. */
export interface ContentResult {
  /** "pods", "deployments.apps". */
  resource: string;
  remaining: KObject[];
  error?: string;
}

export interface ContentSummary {
  /** Objects left, deduplicated by uid (one storage may be served under two groups). */
  remaining: number;
  byResource: Map<string, number>;
  /** Finalizers holding objects, with how many objects each holds. */
  finalizers: Map<string, number>;
  errors: string[];
}

export function summarize(results: ContentResult[]): ContentSummary {
  const uids = new Set<string>();
  const byResource = new Map<string, number>();
  const finalizers = new Map<string, number>();
  const errors: string[] = [];
  for (const r of results) {
    if (r.error) errors.push(`${r.resource}: ${r.error}`);
    if (!r.remaining.length) continue;
    byResource.set(r.resource, (byResource.get(r.resource) ?? 0) + r.remaining.length);
    for (const o of r.remaining) {
      const uid = o.metadata.uid ?? `${r.resource}/${o.metadata.name}`;
      if (uids.has(uid)) continue;
      uids.add(uid);
      for (const f of o.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
    }
  }
  return { remaining: uids.size, byResource, finalizers, errors };
}

export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

const list = (m: Map<string, number>, what: string) => [...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} (${n} ${what})`).join(', ');

/**
 * The deletion conditions upstream reports on a Terminating namespace (same types and reasons, so
 * tools that read them work), keeping transition times of conditions whose status did not change.
 */
export function deletionConditions(previous: NamespaceCondition[] | undefined, s: ContentSummary | { discoveryError: string }, now: string): NamespaceCondition[] {
  const c = (type: string, on: boolean, reason: string, message: string): NamespaceCondition => ({ type, status: on ? 'True' : 'False', reason, message });
  let next: NamespaceCondition[];
  if ('discoveryError' in s) {
    next = [c('NamespaceDeletionDiscoveryFailure', true, 'DiscoveryFailed', `Resource discovery failed: ${s.discoveryError}`)];
  } else {
    next = [
      c('NamespaceDeletionDiscoveryFailure', false, 'ResourcesDiscovered', 'Every served resource was discovered'),
      c('NamespaceDeletionGroupVersionParsingFailure', false, 'ParsedGroupVersions', 'Every group version was parsed'),
      s.errors.length
        ? c('NamespaceDeletionContentFailure', true, 'ContentDeletionFailed', `Deleting content failed for ${s.errors.join('; ')}`)
        : c('NamespaceDeletionContentFailure', false, 'ContentDeleted', 'Content deleted; finalizers may still be running'),
      s.byResource.size
        ? c('NamespaceContentRemaining', true, 'SomeResourcesRemain', `Objects remain: ${list(s.byResource, 'left')}`)
        : c('NamespaceContentRemaining', false, 'ContentRemoved', 'No objects remain'),
      s.finalizers.size
        ? c('NamespaceFinalizersRemaining', true, 'SomeFinalizersRemain', `Objects wait on finalizers: ${list(s.finalizers, 'held')}`)
        : c('NamespaceFinalizersRemaining', false, 'ContentHasNoFinalizers', 'No object waits on a finalizer'),
    ];
  }
  const kept = (previous ?? []).filter((p) => !next.some((n) => n.type === p.type));
  return [
    ...kept,
    ...next.map((n) => {
      const before = previous?.find((p) => p.type === n.type);
      return { ...n, lastTransitionTime: before && before.status === n.status && before.lastTransitionTime ? before.lastTransitionTime : now };
    }),
  ];
}

/** True when the conditions differ in anything but transition times. */
export function conditionsChanged(a: NamespaceCondition[] | undefined, b: NamespaceCondition[]): boolean {
  const strip = (l: NamespaceCondition[] | undefined) => (l ?? []).map(({ lastTransitionTime: _t, ...rest }) => rest);
  return !deepEqual(strip(a), strip(b));
}

/**
 * How long to wait before looking again while objects remain. Finalizers finish at their own pace,
 * so the wait grows with how long the namespace has been terminating: quick at first, then cheap.
 */
export function requeueDelayMs(deletionTimestamp: string | undefined, now: number): number {
  const since = deletionTimestamp ? Math.max(0, now - Date.parse(deletionTimestamp)) : 0;
  return Math.min(30_000, Math.max(1_000, Math.round(since / 5)));
}

/** The body of PUT /api/v1/namespaces/<name>/finalize: the namespace without our finalizer. */
export function finalizeBody(ns: KObject): KObject {
  const spec = (ns.spec ?? {}) as { finalizers?: string[] };
  return { ...ns, spec: { ...spec, finalizers: (spec.finalizers ?? []).filter((f) => f !== KUBERNETES_FINALIZER) } };
}

export function holdsOurFinalizer(ns: KObject): boolean {
  return !!ns.metadata.deletionTimestamp && ((ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).includes(KUBERNETES_FINALIZER);
}
