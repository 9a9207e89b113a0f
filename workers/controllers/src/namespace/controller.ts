// The namespace controller: once a Namespace is marked for deletion, delete everything in it
// (background propagation), wait while objects with finalizers (or pods shutting down) remain, then
// drop the `kubernetes` finalizer through /finalize so the API removes the namespace. Decisions in
// deletion.ts (pure).
import { type ApiClient, resourcePath } from '../../../kube/client';
import type { KObject } from '../../../kube/registry/types';
import { StatusError } from '../../../kube/status';
import type { ControllerSpec } from '../runtime/types';
import {
  type ContentResult,
  conditionsChanged,
  deletableResources,
  deletionConditions,
  type DiscoveredList,
  finalizeBody,
  holdsOurFinalizer,
  type NamespaceCondition,
  requeueDelayMs,
  summarize,
  type Target,
} from './deletion';

const nsPath = (name: string, sub?: string) => `/api/v1/namespaces/${encodeURIComponent(name)}${sub ? `/${sub}` : ''}`;
const message = (e: unknown) => String((e as Error)?.message ?? e);

export const namespaceController: ControllerSpec = {
  name: 'namespace-controller',
  watches: [{ resource: 'namespaces', listPath: '/api/v1/namespaces' }],
  keysFor: (_resource, obj) => (obj.metadata.deletionTimestamp ? [obj.metadata.name!] : []),
  async reconcile(name, ctx) {
    const cached = ctx.cache.get('namespaces', name);
    if (!cached?.metadata.deletionTimestamp) return;
    // The cache may lag behind a finalize that already happened: act on the live object.
    const ns = await ctx.api.getOrNull(nsPath(name));
    if (!ns || !holdsOurFinalizer(ns)) return;
    const now = new Date(ctx.now).toISOString().replace(/\.\d+Z$/, 'Z');
    const previous = (ns.status as { conditions?: NamespaceCondition[] } | undefined)?.conditions;

    let targets: Target[];
    try {
      targets = deletableResources(await discover(ctx.api));
    } catch (e) {
      await writeConditions(ctx.api, name, previous, deletionConditions(previous, { discoveryError: message(e) }, now));
      ctx.event(ns, 'Warning', 'NamespaceDeletionDiscoveryFailed', `Discovering the resources of namespace ${name} failed: ${message(e)}`);
      throw e;
    }
    const results = await Promise.all(targets.map((t) => emptyResource(ctx.api, name, t)));
    const summary = summarize(results);
    await writeConditions(ctx.api, name, previous, deletionConditions(previous, summary, now));
    if (summary.errors.length) {
      ctx.event(ns, 'Warning', 'NamespaceDeletionContentFailed', `Deleting the content of namespace ${name} failed: ${summary.errors.join('; ')}`);
      throw new Error(`namespace ${name}: ${summary.errors.join('; ')}`);
    }
    if (summary.remaining > 0) return { requeueAfterMs: requeueDelayMs(ns.metadata.deletionTimestamp, ctx.now) };
    try {
      await ctx.api.update(nsPath(name, 'finalize'), finalizeBody(ns));
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) return;
      throw e;
    }
  },
};

/** Legacy discovery: the core list, then each group's preferred version first. */
async function discover(api: ApiClient): Promise<DiscoveredList[]> {
  const groups = await api.get<{ groups: { preferredVersion?: { groupVersion: string }; versions: { groupVersion: string }[] }[] }>('/apis');
  const gvs = groups.groups.flatMap((g) => {
    const preferred = g.preferredVersion?.groupVersion;
    return [...(preferred ? [preferred] : []), ...g.versions.map((v) => v.groupVersion).filter((v) => v !== preferred)];
  });
  return Promise.all([api.get<DiscoveredList>('/api/v1'), ...gvs.map((gv) => api.get<DiscoveredList>(`/apis/${gv}`))]);
}

/** Deletes what is not already going, then reports what is left of one resource. */
async function emptyResource(api: ApiClient, namespace: string, t: Target): Promise<ContentResult> {
  const resource = t.group ? `${t.plural}.${t.group}` : t.plural;
  const path = resourcePath({ group: t.group, version: t.version, plural: t.plural, namespace });
  try {
    const before = (await api.list<KObject>(path)).items;
    const live = before.filter((o) => !o.metadata.deletionTimestamp);
    if (live.length === 0) return { resource, remaining: before };
    if (t.canDeleteCollection) await api.delete(path, { propagationPolicy: 'Background' });
    else {
      for (const o of live) {
        try {
          await api.delete(`${path}/${encodeURIComponent(o.metadata.name!)}`, { propagationPolicy: 'Background', preconditions: { uid: o.metadata.uid } });
        } catch (e) {
          if (!(e instanceof StatusError && (e.code === 404 || e.code === 409))) throw e;
        }
      }
    }
    return { resource, remaining: (await api.list<KObject>(path)).items };
  } catch (e) {
    // A resource that vanished (a CRD removed meanwhile) holds nothing.
    if (e instanceof StatusError && e.code === 404) return { resource, remaining: [] };
    return { resource, remaining: [], error: message(e) };
  }
}

async function writeConditions(api: ApiClient, name: string, previous: NamespaceCondition[] | undefined, next: NamespaceCondition[]) {
  if (!conditionsChanged(previous, next)) return;
  try {
    await api.patch(nsPath(name, 'status'), { status: { conditions: next } });
  } catch (e) {
    // Conditions are informative; the namespace may also have just gone.
    if (!(e instanceof StatusError)) throw e;
  }
}
