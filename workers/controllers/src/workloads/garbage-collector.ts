// The garbage collector: dependents whose owners are gone are deleted; foreground deletion waits for
// blocking dependents; orphaning strips owner references. It follows the kinds that carry owner
// references in this cluster today (workloads, their pods, ControllerRevisions and claims: owners.ts'
// FOLLOWED_KINDS). Decisions in controllers/garbagecollector (pure).
import { StatusError } from '../../../kube/status';
import { collectGarbage, ORPHAN_FINALIZER, type GCAction } from '../controllers/garbagecollector';
import { type ControllerSpec, type ReconcileContext, SECONDARY_POKE_MS } from '../runtime/types';
import { collectionPathOf, FOLLOWED_KINDS, hasPath, pathOf, removeOwnerPatch } from './owners';

export const GC_KINDS = FOLLOWED_KINDS.map((k) => k.kind);

export const garbageCollector: ControllerSpec = {
  name: 'garbage-collector',
  watches: FOLLOWED_KINDS.map(({ resource, listPath }) => ({ resource, listPath, pokeIntervalMs: SECONDARY_POKE_MS })),
  // One graph: any change may matter to any owner chain.
  keysFor: () => ['graph'],
  resyncMs: 60_000,
  async reconcile(_key, ctx) {
    const objects = FOLLOWED_KINDS.flatMap(({ resource }) => ctx.cache.list(resource));
    for (const a of collectGarbage(objects)) {
      try {
        await carryOut(ctx, a);
      } catch (e) {
        if (!(e instanceof StatusError && (e.code === 404 || e.code === 409))) throw e;
      }
    }
  },
};

async function carryOut(ctx: ReconcileContext, a: GCAction) {
  const o = a.object;
  const path = pathOf(o.kind, o.namespace, o.name);
  switch (a.type) {
    case 'delete': {
      // Owners missing from the cache may just be newer than it: confirm with a live read.
      for (const owner of a.danglingOwners) {
        // An owner of a kind this collector does not follow is not known to be gone: keep the object.
        if (!hasPath(owner.kind)) return;
        const live = await ctx.api.getOrNull(pathOf(owner.kind, o.namespace, owner.name)).catch(() => null);
        if (live && live.metadata.uid === owner.uid) return;
      }
      await ctx.api.delete(path, { propagationPolicy: a.propagationPolicy, preconditions: { uid: o.uid } });
      return;
    }
    case 'removeOwnerReferences':
      for (const uid of a.ownerUids) await ctx.api.patch(path, removeOwnerPatch(uid), 'application/strategic-merge-patch+json');
      return;
    case 'unblockOwnerReferences':
      await ctx.api.patch(path, { metadata: { ownerReferences: a.ownerUids.map((uid) => ({ uid, blockOwnerDeletion: false })) } }, 'application/strategic-merge-patch+json');
      return;
    case 'removeFinalizer':
      // The cache may not hold a dependent created just before the owner's deletion (pokes are spaced):
      // orphan what the API still shows referencing the owner, or it would be collected as dangling.
      if (a.finalizer === ORPHAN_FINALIZER) await orphanLiveDependents(ctx, o.namespace, o.uid);
      await ctx.api.patch(path, { metadata: { [`$deleteFromPrimitiveList/finalizers`]: [a.finalizer] } }, 'application/strategic-merge-patch+json');
      return;
  }
}

async function orphanLiveDependents(ctx: ReconcileContext, namespace: string | undefined, ownerUid: string): Promise<void> {
  for (const { kind } of FOLLOWED_KINDS) {
    const list = await ctx.api.list(collectionPathOf(kind, namespace || undefined));
    for (const d of list.items) {
      if (!d.metadata.ownerReferences?.some((r) => r.uid === ownerUid)) continue;
      await ctx.api.patch(pathOf(kind, d.metadata.namespace, d.metadata.name ?? ''), removeOwnerPatch(ownerUid), 'application/strategic-merge-patch+json');
    }
  }
}
