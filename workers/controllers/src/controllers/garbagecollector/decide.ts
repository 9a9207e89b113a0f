// Garbage collector decisions for one object, from the ownership graph. Level-triggered: run over
// every object after each change; the actions of one object are ordered (stop at the first failure).
import { refOf, type KObject, type ObjectRef, type OwnerReference } from '../common/types';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type PropagationPolicy } from './deletion';
import { blockingDependents, buildGraph, deletingDependents, dependentsOf, ownerOf, type Graph } from './graph';

export type GCAction =
  /**
   * DELETE the object with this policy, preconditioned on its uid and resourceVersion. The owners in
   * `danglingOwners` were not in the graph: confirm each is really gone (a live GET) before deleting.
   */
  | { type: 'delete'; object: ObjectRef; resourceVersion?: string; propagationPolicy: PropagationPolicy; danglingOwners: OwnerReference[] }
  /** Remove the references to these owner uids (orphaning, or dropping dangling ones). */
  | { type: 'removeOwnerReferences'; object: ObjectRef; ownerUids: string[] }
  /** Set blockOwnerDeletion false on these references (breaks foreground-deletion cycles). */
  | { type: 'unblockOwnerReferences'; object: ObjectRef; ownerUids: string[] }
  | { type: 'removeFinalizer'; object: ObjectRef; finalizer: string };

const hasFinalizer = (o: KObject, f: string) => (o.metadata.finalizers ?? []).includes(f);

/** An object being deleted: finish foreground deletion or orphaning once their condition holds. */
function decideDeleting(g: Graph, item: KObject): GCAction[] {
  const self = refOf(item);
  if (hasFinalizer(item, ORPHAN_FINALIZER)) {
    const deps = dependentsOf(g, item);
    return [
      ...deps.map((d): GCAction => ({ type: 'removeOwnerReferences', object: refOf(d), ownerUids: [self.uid] })),
      { type: 'removeFinalizer', object: self, finalizer: ORPHAN_FINALIZER },
    ];
  }
  // Foreground: the dependents decide their own deletion (they see this owner waiting); the owner
  // only lets go once nothing blocks it.
  if (deletingDependents(item) && blockingDependents(g, item).length === 0) {
    return [{ type: 'removeFinalizer', object: self, finalizer: FOREGROUND_FINALIZER }];
  }
  return [];
}

function policyFromFinalizers(item: KObject): PropagationPolicy {
  if (hasFinalizer(item, ORPHAN_FINALIZER)) return 'Orphan';
  if (hasFinalizer(item, FOREGROUND_FINALIZER)) return 'Foreground';
  return 'Background';
}

export function decideItem(g: Graph, item: KObject): GCAction[] {
  if (item.metadata.deletionTimestamp) return decideDeleting(g, item);
  const refs = item.metadata.ownerReferences ?? [];
  if (!refs.length) return [];
  const solid: OwnerReference[] = [];
  const dangling: OwnerReference[] = [];
  const waiting: OwnerReference[] = [];
  for (const r of refs) {
    const owner = ownerOf(g, item, r);
    if (!owner) dangling.push(r);
    else if (deletingDependents(owner)) waiting.push(r);
    else solid.push(r);
  }
  const self = refOf(item);
  const rv = item.metadata.resourceVersion;
  const del = (policy: PropagationPolicy): GCAction => ({
    type: 'delete',
    object: self,
    ...(rv ? { resourceVersion: rv } : {}),
    propagationPolicy: policy,
    danglingOwners: dangling,
  });
  if (solid.length) {
    // A live owner keeps the object; references to gone or going owners are just dropped.
    const drop = [...dangling, ...waiting].map((r) => r.uid);
    return drop.length ? [{ type: 'removeOwnerReferences', object: self, ownerUids: drop }] : [];
  }
  const deps = dependentsOf(g, item);
  if (waiting.length && deps.length) {
    // An owner waits on us and we have dependents of our own: delete in foreground too, so the
    // chain completes bottom-up. A dependent already doing the same means a cycle: unblock first.
    const cycle = deps.some(deletingDependents);
    const out: GCAction[] = cycle ? [{ type: 'unblockOwnerReferences', object: self, ownerUids: waiting.map((r) => r.uid) }] : [];
    return [...out, del('Foreground')];
  }
  return [del(policyFromFinalizers(item))];
}

/** Decisions for every object in the graph. */
export function collectGarbage(objects: KObject[]): GCAction[] {
  const g = buildGraph(objects);
  return objects.flatMap((o) => decideItem(g, o));
}
