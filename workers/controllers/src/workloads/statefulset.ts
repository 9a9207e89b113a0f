// The StatefulSet controller: stable pod names and claims, ordered or parallel pod management,
// rolling updates with a partition, ControllerRevisions for history and undo, and status for
// `kubectl rollout status`. Decisions in controllers/statefulset (pure).
import { resourcePath } from '../../../kube/client';
import { StatusError } from '../../../kube/status';
import type { KObject } from '../../../kube/registry/types';
import { type ControllerRevision, REVISION_HASH_LABEL, planRevisions, templateHash } from '../controllers/history/revisions';
import { type Claim, type PodTemplate, type StatefulSet, planStatefulSet } from '../controllers/statefulset';
import type { Pod } from '../controllers/common/types';
import { type ControllerSpec, type ReconcileContext, POD_POKE_MS } from '../runtime/types';
import { controllerOf, splitKey } from './owners';

const STS = 'apps/statefulsets';
const REVISIONS = 'apps/controllerrevisions';
const CLAIMS = 'persistentvolumeclaims';

const path = (plural: string, group: string, namespace: string, name = '', subresource?: string) =>
  resourcePath({ group, version: 'v1', plural, namespace, name: name || undefined, subresource });

const ignore = async (p: Promise<unknown>, ...codes: number[]) => {
  try {
    return await p;
  } catch (e) {
    if (e instanceof StatusError && codes.includes(e.code)) return undefined;
    throw e;
  }
};

export const statefulSetController: ControllerSpec = {
  name: 'statefulset-controller',
  watches: [
    { resource: STS, listPath: '/apis/apps/v1/statefulsets' },
    { resource: 'pods', listPath: '/api/v1/pods', pokeIntervalMs: POD_POKE_MS },
    { resource: REVISIONS, listPath: '/apis/apps/v1/controllerrevisions' },
    { resource: CLAIMS, listPath: '/api/v1/persistentvolumeclaims' },
  ],
  keysFor(resource, obj, old) {
    if (resource === STS) return [`${obj.metadata.namespace}/${obj.metadata.name}`];
    if (resource === CLAIMS) return [];
    const keys = new Set<string>();
    for (const o of [obj, old]) {
      const owner = o && controllerOf(o, 'StatefulSet');
      if (owner) keys.add(owner);
    }
    return [...keys];
  },
  async reconcile(key, ctx) {
    const set = ctx.cache.get(STS, key) as StatefulSet | undefined;
    if (!set || set.metadata.deletionTimestamp) return;
    const { namespace, name } = splitKey(key);
    const owned = (o: KObject) => (o.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === set.metadata.uid);
    const pods = (ctx.cache.list('pods', namespace) as Pod[]).filter(owned);
    const hash = templateHash(set as never);
    const revisions = await syncRevisions(ctx, set, namespace, hash, new Set(pods.map((p) => p.metadata.labels?.[REVISION_HASH_LABEL] ?? '')));
    const updateName = `${name.slice(0, 223)}-${hash}`;
    const update = { name: updateName, hash, template: set.spec?.template ?? {} };
    const currentCr = revisions.find((r) => r.metadata.name === set.status?.currentRevision);
    const current = currentCr ? { name: currentCr.metadata.name ?? '', hash: currentCr.metadata.labels?.[REVISION_HASH_LABEL] ?? '', template: templateOf(currentCr) } : update;

    const claims = ctx.cache.list(CLAIMS, namespace) as Claim[];
    const plan = planStatefulSet(set, pods, claims, { current, update }, new Date(ctx.now));
    for (const c of plan.createClaims) {
      const created = await ignore(ctx.api.create<KObject>(path(CLAIMS, '', namespace), c), 409);
      if (created) ctx.cache.apply(CLAIMS, 'ADDED', created as KObject);
      ctx.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${c.metadata.name} Pod ${set.metadata.name} in StatefulSet ${set.metadata.name} success`);
    }
    for (const p of plan.createPods) {
      try {
        ctx.cache.apply('pods', 'ADDED', await ctx.api.create<KObject>(path('pods', '', namespace), p));
        ctx.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${p.metadata.name} in StatefulSet ${name} successful`);
      } catch (e) {
        // An earlier pod of that name is still being deleted: the next pass creates it.
        if (e instanceof StatusError && e.code === 409) return { requeueAfterMs: 1000 };
        ctx.event(set, 'Warning', 'FailedCreate', `create Pod ${p.metadata.name} in StatefulSet ${name} failed error: ${(e as Error).message}`);
        throw e;
      }
    }
    for (const p of plan.deletePods) {
      await ignore(ctx.api.delete(path('pods', '', namespace, p.metadata.name), { preconditions: { uid: p.metadata.uid } }), 404, 409);
      ctx.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`);
    }
    for (const c of plan.deleteClaims) await ignore(ctx.api.delete(path(CLAIMS, '', namespace, c)), 404);
    if (JSON.stringify(plan.status) !== JSON.stringify(set.status ?? {})) {
      await ignore(ctx.api.patch(path('statefulsets', 'apps', namespace, name, 'status'), { status: plan.status }), 404);
    }
    return plan.requeueAfterMs ? { requeueAfterMs: plan.requeueAfterMs } : undefined;
  },
};

function templateOf(cr: ControllerRevision): PodTemplate {
  const t = structuredClone((cr.data as { spec?: { template?: PodTemplate & { $patch?: string } } } | undefined)?.spec?.template ?? {});
  delete t.$patch;
  return t;
}

async function syncRevisions(ctx: ReconcileContext, set: StatefulSet, namespace: string, hash: string, inUse: Set<string>): Promise<ControllerRevision[]> {
  const owned = (o: KObject) => (o.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === set.metadata.uid);
  const revisions = (ctx.cache.list(REVISIONS, namespace) as ControllerRevision[]).filter(owned);
  // The current revision's pods may all be gone mid-update; it must survive pruning regardless.
  const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision);
  if (current) inUse.add(current.metadata.labels?.[REVISION_HASH_LABEL] ?? '');
  const plan = planRevisions(set as never, revisions, hash, inUse, 'StatefulSet');
  const crPath = (n = '') => path('controllerrevisions', 'apps', namespace, n);
  if (plan.create) {
    const created = await ignore(ctx.api.create<KObject>(crPath(), plan.create), 409);
    if (created) ctx.cache.apply(REVISIONS, 'ADDED', created as KObject);
  }
  if (plan.bump) {
    const bumped = await ignore(ctx.api.patch<KObject>(crPath(plan.bump.name), { revision: plan.bump.revision }), 404);
    if (bumped) ctx.cache.apply(REVISIONS, 'MODIFIED', bumped as KObject);
  }
  for (const n of plan.prune) await ignore(ctx.api.delete(crPath(n)), 404);
  return (ctx.cache.list(REVISIONS, namespace) as ControllerRevision[]).filter(owned);
}
