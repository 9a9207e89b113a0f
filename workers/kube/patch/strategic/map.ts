// Maps: merged key by key, with the directives a map may carry ($patch, $retainKeys,
// $setElementOrder/<list>, $deleteFromPrimitiveList/<list>).
import { has, isObject, jsonMerge, own, setOwn, deepClone, type JsonObject } from './json';
import { badPatchType, badPrimitiveList, badRetainKeys, badSetElementOrder, unknownDirective } from './errors';
import { fieldNode, hasField, isMergeStrategy, isReplaceStrategy, type PatchNode } from './schema';
import { deleteFromList, identityFor, itemKind, mergeList } from './list';
import { checkOrderConsistent, orderMerged } from './order';

const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

const isDirective = (k: string) => k === PATCH || k === RETAIN_KEYS || k.startsWith(SET_ORDER) || k.startsWith(DELETE_FROM);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * Merges `patch` into `original`. `original` is a private working copy and may be modified;
 * `patch` is only read. Passing no original applies the patch to an empty map, which strips
 * nulls and directives from a value that is simply added.
 */
export function mergeMap(original: JsonObject | undefined, patch: JsonObject, node: PatchNode, path: string): JsonObject {
  if (has(patch, PATCH)) {
    const directive = own(patch, PATCH);
    if (directive === 'replace') {
      const rest: JsonObject = {};
      for (const k of Object.keys(patch)) if (k !== PATCH) setOwn(rest, k, patch[k]);
      return mergeMap(undefined, rest, node, path);
    }
    // Upstream leaves an empty map in place of a deleted map (the field is not removed).
    if (directive === 'delete') return {};
    // `merge` is the default behaviour; anything else is malformed.
    if (directive !== 'merge') throw badPatchType(directive, patch);
  }
  const work = original ?? {};
  if (has(patch, RETAIN_KEYS)) retainKeys(work, patch);
  const done = applyElementOrders(work, patch, node, path);

  for (const key of Object.keys(patch)) {
    if (done.has(key) || key === PATCH || key === RETAIN_KEYS || key.startsWith(SET_ORDER)) continue;
    const value = patch[key];
    if (key.startsWith(DELETE_FROM)) {
      deleteFromPrimitiveList(work, key.slice(DELETE_FROM.length), value, path);
      continue;
    }
    // `$`-keys are directives unless the schema declares such a field (e.g. JSONSchemaProps.$ref).
    if (key.startsWith('$') && !hasField(node.core, key)) throw unknownDirective(key, path);
    if (value === null) {
      delete work[key];
      continue;
    }
    setOwn(work, key, mergeValue(own(work, key), value, fieldNode(node, key), join(path, key)));
  }
  return work;
}

/** Merges one field's patch value into its live value (`original` may be undefined). */
export function mergeValue(original: unknown, patch: unknown, node: PatchNode, path: string): unknown {
  if (node.kind === 'loose') return jsonMerge(original, patch);
  if (isObject(patch)) {
    if (node.kind !== 'object' && node.kind !== 'record') return jsonMerge(original, patch);
    // patchStrategy "replace" on a map: the patch's map replaces the live one.
    const base = isObject(original) && !isReplaceStrategy(node) ? original : undefined;
    return mergeMap(base, patch, node, path);
  }
  if (Array.isArray(patch)) {
    if (node.kind !== 'array') return deepClone(patch);
    return mergeList(Array.isArray(original) ? original : [], patch, node, path);
  }
  return patch;
}

// `$retainKeys`: the live map keeps only the listed keys; every key the patch sets must be listed.
function retainKeys(work: JsonObject, patch: JsonObject): void {
  const keep = own(patch, RETAIN_KEYS);
  if (!Array.isArray(keep) || keep.some((k) => typeof k !== 'string')) throw badRetainKeys();
  for (const k of Object.keys(patch)) {
    if (isDirective(k) || patch[k] === null) continue;
    if (!keep.includes(k)) throw badRetainKeys();
  }
  for (const k of Object.keys(work)) if (!keep.includes(k)) delete work[k];
}

function deleteFromPrimitiveList(work: JsonObject, field: string, toDelete: unknown, path: string): void {
  if (!field || !Array.isArray(toDelete)) throw badPrimitiveList();
  const live = own(work, field);
  if (Array.isArray(live)) setOwn(work, field, deleteFromList(live, toDelete, join(path, field)));
}

/**
 * Handles every `$setElementOrder/<field>` of this map: merges the field's patch list (if any) and
 * puts the result in the requested order. Returns the field names already merged.
 */
function applyElementOrders(work: JsonObject, patch: JsonObject, node: PatchNode, path: string): Set<string> {
  const done = new Set<string>();
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER)) continue;
    const field = key.slice(SET_ORDER.length);
    const order = patch[key];
    if (!field || !Array.isArray(order)) throw badSetElementOrder();
    const fnode = fieldNode(node, field);
    const live = own(work, field);
    const patchList = own(patch, field);
    // Ordering only has a meaning for merge lists; elsewhere the list itself is the order.
    if (fnode.kind !== 'array' || !isMergeStrategy(fnode)) continue;
    if (patchList === null || (patchList !== undefined && !Array.isArray(patchList))) continue;
    if (live !== undefined && !Array.isArray(live)) continue;
    if (live === undefined && patchList === undefined) continue;

    const where = join(path, field);
    const kind = itemKind(where, order, live ?? [], patchList ?? []);
    const id = identityFor(fnode, kind);
    checkOrderConsistent(patchList ?? [], order, kind === 'map' ? fnode.mergeKey : undefined, id);
    const merged = patchList ? mergeList(live ?? [], patchList, fnode, where) : live ?? [];
    setOwn(work, field, orderMerged(merged, order, live ?? [], id));
    done.add(field);
  }
  return done;
}
