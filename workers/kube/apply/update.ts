// managedFields after an ordinary write (create, update, patch): the writer takes the fields it
// changed, merged into its earlier entry with the same manager, operation, version and
// subresource; the others keep what they still own.
import type { z } from 'zod';
import type { KObject } from '../registry/types';
import { compare } from './compare';
import { capUpdateManagers, decodeManaged, encodeManaged, identity, type Managed, type ManagedFieldsEntry } from './managers';
import { transferOwnership } from './ownership';
import { nodeOf } from './schema';
import { STRIPPED, trackedView } from './tracking';

/**
 * The managers an update starts from: the ones the request carries when it sends any (that is how
 * clients reset or rewrite managedFields), otherwise the stored ones. Subresource writes cannot
 * rewrite them. Entries that do not decode are ignored, as upstream falls back to the live ones.
 */
export function baseManagers(old: KObject | undefined, next: KObject, subresource: string): Managed[] {
  const sent = next.metadata?.managedFields;
  if (!subresource && Array.isArray(sent) && sent.length) {
    try {
      return decodeManaged(sent).filter((m) => m.manager || m.operation || !m.set.isEmpty());
    } catch {
      // fall through to the stored entries
    }
  }
  try {
    return decodeManaged(old?.metadata?.managedFields);
  } catch {
    return [];
  }
}

export function updateManagedFields(
  old: KObject | undefined,
  next: KObject,
  manager: string,
  operation: 'Update',
  subresource: string,
  time: string,
  schema: z.core.$ZodType,
): ManagedFieldsEntry[] {
  const root = nodeOf(schema);
  const apiVersion = next.apiVersion ?? old?.apiVersion ?? '';
  const cmp = compare(old ? trackedView(old, subresource) : {}, trackedView(next, subresource), root);
  // Identity fields change on create (name, uid, ...) but nobody owns them.
  cmp.added = cmp.added.difference(STRIPPED);
  cmp.modified = cmp.modified.difference(STRIPPED);
  cmp.removed = cmp.removed.difference(STRIPPED);
  let { managers } = transferOwnership(baseManagers(old, next, subresource), cmp, undefined, true);
  const changed = cmp.added.union(cmp.modified);
  if (!changed.isEmpty()) {
    const self: Managed = { manager, operation, apiVersion, subresource, time, set: changed };
    const prev = managers.find((m) => identity(m) === identity(self));
    managers = prev ? managers.map((m) => (m === prev ? { ...self, set: prev.set.union(changed) } : m)) : [...managers, self];
  }
  return encodeManaged(capUpdateManagers(managers));
}
