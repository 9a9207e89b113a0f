// Lists: a list whose patch strategy is `merge` merges (maps by merge key, scalars as a set);
// any other list is replaced by the patch's list.
import { deepClone, has, isObject, own, type JsonObject } from './json';
import { badPatchType, badPrimitiveList, listMergeDirective, mixedList, noListOfLists, noMergeKey, noMergeKeyDeclared } from './errors';
import { elementNode, isMergeStrategy, type PatchNode } from './schema';
import { keyIdentity, orderMerged, scalarIdentity, type Identity } from './order';
import { mergeMap } from './map';

type ItemKind = 'map' | 'scalar' | 'empty';

/** Whether the items are maps or scalars; lists of lists and mixed lists are refused like upstream. */
export function itemKind(path: string, ...lists: unknown[][]): ItemKind {
  let kind: ItemKind = 'empty';
  for (const list of lists) {
    for (const v of list) {
      if (Array.isArray(v)) throw noListOfLists();
      const k: ItemKind = isObject(v) ? 'map' : 'scalar';
      if (kind !== 'empty' && kind !== k) throw mixedList(path);
      kind = k;
    }
  }
  return kind;
}

/** The identity used for ordering a merge list's items. */
export function identityFor(node: PatchNode, kind: ItemKind): Identity {
  return kind === 'map' && node.mergeKey ? keyIdentity(node.mergeKey) : scalarIdentity;
}

/**
 * Merges `patch` into `original` (a working copy that may be reused) for a list field.
 * Returns the new list; patch values are always copied, never shared.
 */
export function mergeList(original: unknown[], patch: unknown[], node: PatchNode, path: string): unknown[] {
  if (!isMergeStrategy(node)) return deepClone(patch);
  const kind = itemKind(path, original, patch);
  if (kind === 'empty') return [];
  if (kind === 'scalar') return orderMerged(unique([...original, ...patch]), patch, original, scalarIdentity);
  if (!node.mergeKey) throw noMergeKeyDeclared(path);
  return mergeMapList(original, patch as JsonObject[], node.mergeKey, elementNode(node), path);
}

/** `$deleteFromPrimitiveList/<field>`: drops the listed values from a scalar list. */
export function deleteFromList(original: unknown[], toDelete: unknown[], path: string): unknown[] {
  if (itemKind(path, original, toDelete) === 'map') throw badPrimitiveList();
  return original.filter((v) => !toDelete.includes(v));
}

function unique(values: unknown[]): unknown[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}

function mergeMapList(original: unknown[], patch: JsonObject[], key: string, elem: PatchNode, path: string): unknown[] {
  const sameKey = (a: unknown, b: JsonObject) => isObject(a) && has(a, key) && own(a, key) === own(b, key);
  let items = original;
  let replace = false;
  const plain: JsonObject[] = [];
  // Items carrying `$patch` act on the whole list or on one live item, and are not merged.
  for (const p of patch) {
    if (!has(p, '$patch')) {
      plain.push(p);
      continue;
    }
    const directive = own(p, '$patch');
    if (directive === 'delete') {
      if (!has(p, key)) throw noMergeKey(p, key);
      items = items.filter((it) => !sameKey(it, p));
    } else if (directive === 'replace') replace = true;
    else if (directive === 'merge') throw listMergeDirective();
    else throw badPatchType(directive, p);
  }
  if (replace) return plain.map((p, i) => mergeMap(undefined, p, elem, `${path}[${i}]`));

  const live = items.slice();
  items = items.slice();
  for (const p of plain) {
    if (!has(p, key)) throw noMergeKey(p, key);
    const at = items.findIndex((it) => sameKey(it, p));
    const where = `${path}[${key}=${String(own(p, key))}]`;
    if (at >= 0) items[at] = mergeMap(items[at] as JsonObject, p, elem, where);
    else items.push(mergeMap(undefined, p, elem, where));
  }
  return orderMerged(items, plain, live, keyIdentity(key));
}
