// The DaemonSet controller: one pod per eligible node, ControllerRevisions for history and rollback,
// rolling updates, and status. Decisions in controllers/daemonset (pure).
import { resourcePath } from '../../../kube/client';
import { StatusError } from '../../../kube/status';
import { matchesLabels, selectorFromLabelSelector } from '../../../kube/selectors/labels';
import type { KObject } from '../../../kube/registry/types';
import {
  type ControllerRevision,
  type DaemonNode,
  type DaemonSet,
  REVISION_HASH_LABEL,
  daemonPod,
  planDaemonSet,
  planRevisions,
  templateHash,
} from '../controllers/daemonset';
import type { Pod } from '../controllers/common/types';
import { type ControllerSpec, type ReconcileContext, POD_POKE_MS } from '../runtime/types';
import { controllerOf, splitKey } from './owners';

const DS = 'apps/daemonsets';
const REVISIONS = 'apps/controllerrevisions';

const path = (plural: string, group: string, namespace: string, name = '', subresource?: string) =>
  resourcePath({ group, version: 'v1', plural, namespace, name: name || undefined, subresource });

export const daemonSetController: ControllerSpec = {
  name: 'daemonset-controller',
  watches: [
    { resource: DS, listPath: '/apis/apps/v1/daemonsets' },
    { resource: 'pods', listPath: '/api/v1/pods', pokeIntervalMs: POD_POKE_MS },
    { resource: 'nodes', listPath: '/api/v1/nodes' },
    { resource: REVISIONS, listPath: '/apis/apps/v1/controllerrevisions' },
  ],
  keysFor(resource, obj, old, cache) {
    if (resource === DS) return [`${obj.metadata.namespace}/${obj.metadata.name}`];
    // A node change can matter to every DaemonSet.
    if (resource === 'nodes') return cache.list(DS).map((d) => `${d.metadata.namespace}/${d.metadata.name}`);
    const keys = new Set<string>();
    for (const o of [obj, old]) {
      const owner = o && controllerOf(o, 'DaemonSet');
      if (owner) keys.add(owner);
    }
    return [...keys];
  },
  async reconcile(key, ctx) {
    const ds = ctx.cache.get(DS, key) as DaemonSet | undefined;
    if (!ds || ds.metadata.deletionTimestamp) return;
    const { namespace, name } = splitKey(key);
    const owned = (o: KObject) => (o.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === ds.metadata.uid);
    let selector;
    try {
      selector = selectorFromLabelSelector(ds.spec?.selector as never);
    } catch {
      return; // an invalid selector selects nothing; validation normally prevents it
    }
    const pods = (ctx.cache.list('pods', namespace) as Pod[]).filter((p) => owned(p) && matchesLabels(selector, p.metadata.labels));
    const hash = templateHash(ds);

    await syncRevisions(ctx, ds, namespace, hash, new Set(pods.map((p) => p.metadata.labels?.[REVISION_HASH_LABEL] ?? '')), owned);

    const plan = planDaemonSet(ds, ctx.cache.list('nodes') as DaemonNode[], pods, hash, new Date(ctx.now));
    for (const node of plan.create) {
      try {
        const created = await ctx.api.create<KObject>(path('pods', '', namespace), daemonPod(ds, node, hash));
        // Seen at once, so a second pass before the watch delivers it does not create another.
        ctx.cache.apply('pods', 'ADDED', created);
        ctx.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      } catch (e) {
        ctx.event(ds, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`);
        throw e;
      }
    }
    for (const { pod } of plan.delete) {
      try {
        await ctx.api.delete(path('pods', '', namespace, pod.metadata.name), { preconditions: { uid: pod.metadata.uid } });
        ctx.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      } catch (e) {
        if (!(e instanceof StatusError && (e.code === 404 || e.code === 409))) throw e;
      }
    }
    if (JSON.stringify(plan.status) !== JSON.stringify(ds.status ?? {})) {
      try {
        await ctx.api.patch(path('daemonsets', 'apps', namespace, name, 'status'), { status: plan.status });
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) throw e;
      }
    }
    return plan.requeueAfterMs ? { requeueAfterMs: plan.requeueAfterMs } : undefined;
  },
};

async function syncRevisions(ctx: ReconcileContext, ds: DaemonSet, namespace: string, hash: string, inUse: Set<string>, owned: (o: KObject) => boolean) {
  const revisions = (ctx.cache.list(REVISIONS, namespace) as ControllerRevision[]).filter(owned);
  const plan = planRevisions(ds, revisions, hash, inUse);
  const crPath = (n = '') => path('controllerrevisions', 'apps', namespace, n);
  try {
    if (plan.create) ctx.cache.apply(REVISIONS, 'ADDED', await ctx.api.create<KObject>(crPath(), plan.create));
    if (plan.bump) ctx.cache.apply(REVISIONS, 'MODIFIED', await ctx.api.patch<KObject>(crPath(plan.bump.name), { revision: plan.bump.revision }));
  } catch (e) {
    // Created by an earlier pass the cache has not seen yet: the next pass reads it.
    if (!(e instanceof StatusError && e.code === 409)) throw e;
  }
  for (const n of plan.prune) {
    try {
      await ctx.api.delete(crPath(n));
    } catch (e) {
      if (!(e instanceof StatusError && e.code === 404)) throw e;
    }
  }
}
