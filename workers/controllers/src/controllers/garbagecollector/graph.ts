// The ownership graph: objects by uid and, for each owner uid, the objects that reference it.
import type { KObject, OwnerReference } from '../common/types';
import { FOREGROUND_FINALIZER } from './deletion';

export interface Graph {
  byUid: Map<string, KObject>;
  dependents: Map<string, KObject[]>;
}

export function buildGraph(objects: KObject[]): Graph {
  const g: Graph = { byUid: new Map(), dependents: new Map() };
  for (const o of objects) if (o.metadata.uid) g.byUid.set(o.metadata.uid, o);
  for (const o of objects) {
    for (const r of o.metadata.ownerReferences ?? []) g.dependents.set(r.uid, [...(g.dependents.get(r.uid) ?? []), o]);
  }
  return g;
}

/**
 * The owner a reference points at, if it exists: same uid, kind and name, and in the dependent's
 * namespace unless cluster-scoped. A reference to anything else is dangling.
 */
export function ownerOf(g: Graph, dependent: KObject, ref: OwnerReference): KObject | undefined {
  const o = g.byUid.get(ref.uid);
  if (!o || o.metadata.name !== ref.name || (o.kind && o.kind !== ref.kind)) return undefined;
  const ns = o.metadata.namespace;
  return !ns || ns === dependent.metadata.namespace ? o : undefined;
}

/** Marked for deletion and waiting for its blocking dependents to go first. */
export function deletingDependents(o: KObject): boolean {
  return !!o.metadata.deletionTimestamp && (o.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER);
}

export function dependentsOf(g: Graph, owner: KObject): KObject[] {
  return (g.dependents.get(owner.metadata.uid ?? '') ?? []).filter((d) => ownerOf(g, d, refTo(d, owner)!) === owner);
}

function refTo(dep: KObject, owner: KObject): OwnerReference | undefined {
  return dep.metadata.ownerReferences?.find((r) => r.uid === owner.metadata.uid);
}

/** Dependents whose reference to `owner` blocks its foreground deletion. */
export function blockingDependents(g: Graph, owner: KObject): KObject[] {
  return dependentsOf(g, owner).filter((d) => refTo(d, owner)?.blockOwnerDeletion === true);
}
