// What a write changed, field by field, as upstream's comparison reports it: leaves whose value
// changed are "modified"; leaves, list items and map entries present on one side only are
// "added" or "removed" (a new subtree records every level, hence the "." markers in Update
// entries).
import { FieldSet } from './fieldset';
import { elementKey, field, type Path, type PathElement } from './path';
import { childOf, elementOf, itemElement, type ApplyNode } from './schema';
import { deepEqual, isObject, present } from './values';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * Compares `old` with `next` (a create compares against `{}`). Upstream compares Go objects, in
 * which by-value structs and non-optional fields exist whenever their parent does (serialized as
 * `{}` or null), so such a field is never itself added or removed, only its contents; JSON here
 * omits them, hence the `inGo` flag.
 */
export function compare(old: unknown, next: unknown, node: ApplyNode): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walk(old, next, node, [], c, true);
  return c;
}

function walk(l: unknown, r: unknown, node: ApplyNode, path: Path, c: Comparison, inGo: boolean): void {
  const hasL = present(l);
  const hasR = present(r);
  if (!hasL && !hasR) return;
  const isMap = node.kind === 'struct' || node.kind === 'map';
  const structural = isMap && (!hasL || isObject(l)) && (!hasR || isObject(r));
  const listy = node.kind === 'list' && node.listType !== 'atomic' && (!hasL || Array.isArray(l)) && (!hasR || Array.isArray(r));
  if (!structural && !listy) {
    if (!hasL) c.added.insert(path);
    else if (!hasR) c.removed.insert(path);
    else if (!deepEqual(l, r)) c.modified.insert(path);
    return;
  }
  const both = inGo || (hasL && hasR);
  if (structural) walkMap(hasL ? (l as Record<string, unknown>) : {}, hasR ? (r as Record<string, unknown>) : {}, node, path, c, both);
  else walkList(hasL ? (l as unknown[]) : [], hasR ? (r as unknown[]) : [], node, path, c);
  if (inGo) return;
  if (!hasL) c.added.insert(path);
  else if (!hasR) c.removed.insert(path);
}

function walkMap(l: Record<string, unknown>, r: Record<string, unknown>, node: ApplyNode, path: Path, c: Comparison, onBothSides: boolean) {
  const keys = [...Object.keys(r), ...Object.keys(l).filter((k) => !Object.prototype.hasOwnProperty.call(r, k))];
  for (const k of keys) {
    const info = childOf(node, k);
    const inGo = onBothSides && info.declared && (!!info.node.valueStruct || info.required);
    walk(l[k], r[k], info.node, [...path, field(k)], c, inGo);
  }
}

function walkList(l: unknown[], r: unknown[], node: ApplyNode, path: Path, c: Comparison) {
  const element = elementOf(node);
  const index = (items: unknown[]) => {
    const m = new Map<string, { pe: PathElement; item: unknown }>();
    for (const item of items) {
      const pe = itemElement(node, item);
      const k = elementKey(pe);
      if (!m.has(k)) m.set(k, { pe, item });
    }
    return m;
  };
  const li = index(l);
  const ri = index(r);
  for (const [k, { pe, item }] of ri) walk(li.get(k)?.item, item, element, [...path, pe], c, false);
  for (const [k, { pe, item }] of li) if (!ri.has(k)) walk(item, undefined, element, [...path, pe], c, false);
}
