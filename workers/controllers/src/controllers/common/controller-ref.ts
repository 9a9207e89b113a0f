// ownerReferences as controllers use them: who controls an object, and which objects a controller claims.
import type { LabelSelector } from '../../../../kube/schemas/meta';
import { selectorMatches } from '../../../../kube/resources/apps/common/selector';
import type { KObject, OwnerReference } from './types';

export function controllerOf(obj: KObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** The reference a controller puts on what it creates: it controls, and blocks foreground deletion. */
export function controllerRef(owner: KObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? '',
    kind: owner.kind ?? '',
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export interface Claim<T> {
  /** Objects the controller manages after this pass (already owned and matching, plus adopted). */
  owned: T[];
  /** Orphans matching the selector: set our controller reference on them. */
  adopt: T[];
  /** Owned but no longer matching: remove our reference from them. */
  release: T[];
}

/**
 * Splits candidates the way a controller claims them. Objects controlled by someone else are never
 * touched; a controller being deleted neither adopts nor releases (it keeps what it has so cascading
 * deletion still finds it); objects being deleted are not adopted.
 */
export function claim<T extends KObject>(owner: KObject, selector: LabelSelector | undefined, candidates: T[]): Claim<T> {
  const out: Claim<T> = { owned: [], adopt: [], release: [] };
  const ownerDeleting = !!owner.metadata.deletionTimestamp;
  for (const obj of candidates) {
    if (obj.metadata.namespace !== owner.metadata.namespace) continue;
    const ref = controllerOf(obj);
    const matches = selectorMatches(selector, obj.metadata.labels);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches) out.owned.push(obj);
      else if (!ownerDeleting) out.release.push(obj);
      continue;
    }
    if (ownerDeleting || !matches || obj.metadata.deletionTimestamp) continue;
    out.adopt.push(obj);
    out.owned.push(obj);
  }
  return out;
}

/** A copy of `obj` with `owner` as its controller (what adoption writes). */
export function withControllerRef<T extends KObject>(obj: T, owner: KObject): T {
  const copy = structuredClone(obj);
  copy.metadata.ownerReferences = [...(copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid), controllerRef(owner)];
  return copy;
}

/** A copy of `obj` without references to `ownerUid` (what release and orphaning write). */
export function withoutOwner<T extends KObject>(obj: T, ownerUid: string): T {
  const copy = structuredClone(obj);
  const refs = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
  if (refs.length) copy.metadata.ownerReferences = refs;
  else delete copy.metadata.ownerReferences;
  return copy;
}
