// Server-side apply (PATCH application/apply-patch+yaml): merge the configuration into the live
// object, drop what this manager stopped applying, move ownership and report conflicts.
import type { z } from 'zod';
import type { KObject } from '../registry/types';
import { StatusError } from '../status';
import { compare } from './compare';
import { conflictError } from './conflict';
import { DuplicateItemError, fieldsOf } from './fields';
import { FieldSet } from './fieldset';
import { capUpdateManagers, decodeManaged, encodeManaged, identity, type Managed, type ManagedFieldsEntry } from './managers';
import { mergeApplied } from './merge';
import { transferOwnership } from './ownership';
import { pruneUnowned } from './prune';
import { nodeOf } from './schema';
import { appliedPart, isProtected, STRIPPED, trackedPart, withTracked } from './tracking';
import { deepEqual, isObject, setOwn, type JsonObject } from './values';

export interface ApplyOptions {
  /** fieldManager; required for apply (the caller answers 422 when it is missing). */
  manager: string;
  /** `?force=true`: take contested fields instead of failing with 409. */
  force: boolean;
  /** RFC 3339 time recorded on the manager's entry. */
  time: string;
  schema: z.core.$ZodType;
  /** group/version the configuration was written against, e.g. "apps/v1". */
  apiVersion: string;
  subresource?: string;
}

export interface ApplyResult {
  object: KObject;
  managedFields: ManagedFieldsEntry[];
  /** False when the apply changed neither the object nor its managedFields (no write needed). */
  changed: boolean;
}

export function serverSideApply(live: KObject | undefined, config: Record<string, unknown>, opts: ApplyOptions): ApplyResult {
  const root = nodeOf(opts.schema);
  const subresource = opts.subresource ?? '';
  const liveTracked = live ? trackedPart(live, subresource) : {};
  const applied = appliedPart(config, subresource);

  let set: FieldSet;
  try {
    set = fieldsOf(applied, root, { rejectDuplicates: true });
  } catch (e) {
    if (e instanceof DuplicateItemError) throw invalidConfig(config, opts, e.message);
    throw e;
  }
  const self: Managed = { manager: opts.manager, operation: 'Apply', apiVersion: opts.apiVersion, subresource, time: opts.time, set };
  const id = identity(self);
  const before = storedManagers(live);
  const previous = before.find((m) => identity(m) === id);
  const last = previous?.set ?? new FieldSet();
  const managers = [...before.filter((m) => m !== previous), self];

  const merged = mergeApplied(liveTracked, applied, root) as JsonObject;
  const owned = managers.reduce((acc, m) => acc.union(m.set), new FieldSet());
  const pruned = last.isEmpty() ? merged : (pruneUnowned(merged, root, last, owned, isProtected) as JsonObject);
  const objectChanged = !live || !deepEqual(liveTracked, pruned);
  // Upstream stamps the time only when the object changed; an apply that just claims fields
  // keeps the entry's old time (or none, for a new entry).
  if (!objectChanged) self.time = previous?.time;

  const cmp = compare(liveTracked, pruned, root);
  const moved = transferOwnership(managers, cmp, id, opts.force);
  if (moved.conflicts.length && !opts.force) throw conflictError(moved.conflicts);

  let managedFields = encodeManaged(capUpdateManagers(moved.managers.map((m) => ({ ...m, set: m.set.difference(STRIPPED) }))));
  // A repeated apply that changes nothing keeps the stored entries, times included, so it does
  // not cause a write.
  if (!objectChanged && sameIgnoringTime(managedFields, encodeManaged(before))) managedFields = live?.metadata?.managedFields as ManagedFieldsEntry[];
  const object = withTracked(live ?? {}, pruned, subresource) as KObject;
  if (!isObject(object.metadata)) object.metadata = {};
  setOwn(object.metadata, 'managedFields', managedFields);
  return { object, managedFields, changed: objectChanged || managedFields !== live?.metadata?.managedFields };
}

function storedManagers(live: KObject | undefined): Managed[] {
  try {
    return decodeManaged(live?.metadata?.managedFields);
  } catch {
    return [];
  }
}

function sameIgnoringTime(a: ManagedFieldsEntry[], b: ManagedFieldsEntry[]): boolean {
  const byManager = (l: ManagedFieldsEntry[]) =>
    Object.fromEntries(l.map(({ time: _t, ...rest }) => [identity({ manager: rest.manager ?? '', operation: rest.operation ?? '', apiVersion: rest.apiVersion ?? '', subresource: rest.subresource ?? '' }), rest]));
  return deepEqual(byManager(a), byManager(b));
}

// Upstream words this as failing to build the typed patch object for the named object.
function invalidConfig(config: Record<string, unknown>, opts: ApplyOptions, why: string): StatusError {
  const meta = isObject(config.metadata) ? config.metadata : {};
  const name = [meta.namespace, meta.name].filter((x) => typeof x === 'string' && x).join('/');
  const kind = typeof config.kind === 'string' ? config.kind : '';
  return new StatusError(422, 'Invalid', `failed to create typed patch object (${name}; ${opts.apiVersion}, Kind=${kind}): ${why}`);
}
