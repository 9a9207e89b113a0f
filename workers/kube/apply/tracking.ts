// Which part of an object a write manages. Main-resource writes manage everything but `status`;
// `/status` writes manage only `status` (upstream resets the rest). Identity and bookkeeping fields
// (apiVersion, kind, name, uid, resourceVersion, ...) are never owned by anyone.
import { FieldSet } from './fieldset';
import { elementKey, field, type Path } from './path';
import { deepClone, isObject, setOwn, type JsonObject } from './values';

/** metadata fields set by the server or identifying the object: never owned. */
export const UNOWNED_METADATA = ['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'];

/** Exact paths removed from every manager's set (not their subtrees: `metadata.labels` stays). */
export const STRIPPED = FieldSet.of([field('apiVersion')], [field('kind')], [field('metadata')], ...UNOWNED_METADATA.map((n) => [field('metadata'), field(n)]));

const PROTECTED = new Set([...STRIPPED.paths()].map((p) => p.map(elementKey).join('/')));

/** Paths an apply must never remove even when no manager owns them. */
export const isProtected = (p: Path) => PROTECTED.has(p.map(elementKey).join('/'));

// Metadata an apply configuration cannot set: the server owns it (resourceVersion is a
// precondition the caller checks before calling serverSideApply).
const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'selfLink', 'managedFields', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

const onStatus = (subresource: string | undefined) => subresource === 'status';

/** The part of `obj` that a write through `subresource` manages (a copy; managedFields removed). */
export function trackedPart(obj: unknown, subresource?: string): JsonObject {
  if (!isObject(obj)) return {};
  if (onStatus(subresource)) return obj.status === undefined ? {} : { status: deepClone(obj.status) };
  const out: JsonObject = {};
  for (const k of Object.keys(obj)) if (k !== 'status') setOwn(out, k, deepClone(obj[k]));
  if (isObject(out.metadata)) delete out.metadata.managedFields;
  return out;
}

/**
 * The same part without copying: the top level and metadata are shallow copies, everything below is
 * `obj`'s own. For readers only (the comparison of an ordinary write).
 */
export function trackedView(obj: unknown, subresource?: string): JsonObject {
  if (!isObject(obj)) return {};
  if (onStatus(subresource)) return obj.status === undefined ? {} : { status: obj.status };
  const out: JsonObject = {};
  for (const k of Object.keys(obj)) if (k !== 'status') setOwn(out, k, obj[k]);
  if (isObject(out.metadata)) {
    const { managedFields: _m, ...metadata } = out.metadata;
    out.metadata = metadata;
  }
  return out;
}

/** An apply configuration reduced to what it may set. */
export function appliedPart(config: JsonObject, subresource?: string): JsonObject {
  const out = trackedPart(config, subresource);
  if (isObject(out.metadata)) for (const k of SERVER_METADATA) delete out.metadata[k];
  return out;
}

/** Puts a (modified) tracked part back together with the rest of the original object. */
export function withTracked(original: unknown, tracked: JsonObject, subresource?: string): JsonObject {
  const base = isObject(original) ? original : {};
  if (onStatus(subresource)) {
    const out = deepClone(base);
    delete out.status;
    if (tracked.status !== undefined) setOwn(out, 'status', deepClone(tracked.status));
    return out;
  }
  const out = deepClone(tracked);
  if (base.status !== undefined) setOwn(out, 'status', deepClone(base.status));
  return out;
}
