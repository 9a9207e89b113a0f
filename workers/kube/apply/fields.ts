// The set of fields a value specifies, as upstream computes it for an apply configuration:
// leaves (scalars, atomic lists and maps) and list items are members; a declared struct field is
// a member only when it is empty or null (otherwise its contents say what is set); map keys and
// undeclared fields of loose objects are always members.
import { FieldSet } from './fieldset';
import { elementKey, field, pathString, type Path } from './path';
import { childOf, elementOf, itemElement, type ApplyNode } from './schema';
import { isEmptyObject, isObject } from './values';

/** An apply configuration listing the same map-list key or set value twice. */
export class DuplicateItemError extends Error {
  constructor(
    readonly path: Path,
    readonly item: Path,
  ) {
    super(`${pathString(path)}: duplicate entries for key ${pathString(item)}`);
  }
}

export function fieldsOf(value: unknown, node: ApplyNode, opts: { rejectDuplicates?: boolean } = {}): FieldSet {
  const set = new FieldSet();
  visit(value, node, [], set, !!opts.rejectDuplicates);
  return set;
}

function visit(v: unknown, node: ApplyNode, path: Path, set: FieldSet, strict: boolean): void {
  if ((node.kind === 'struct' || node.kind === 'map') && isObject(v)) {
    for (const k of Object.keys(v)) {
      const c = childOf(node, k);
      const p = [...path, field(k)];
      const cv = v[k];
      visit(cv, c.node, p, set, strict);
      if (cv === null || isEmptyObject(cv) || !c.declared) set.insert(p);
    }
    return;
  }
  if (node.kind === 'list' && node.listType !== 'atomic' && Array.isArray(v)) {
    const element = elementOf(node);
    const seen = new Set<string>();
    for (const item of v) {
      const pe = itemElement(node, item);
      const key = elementKey(pe);
      if (strict && seen.has(key)) throw new DuplicateItemError(path, [pe]);
      seen.add(key);
      const p = [...path, pe];
      visit(item, element, p, set, strict);
      set.insert(p);
    }
    return;
  }
  set.insert(path);
}
