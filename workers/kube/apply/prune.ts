// Removes the fields an applier stopped applying. A path goes when the applier's previous apply
// set it and nobody (the applier's new configuration included) owns it now; its whole subtree goes
// with it, as upstream's removal does. A declared struct field counts as owned when anything below
// it is owned, while list items and map keys must be owned themselves.
import type { FieldSet } from './fieldset';
import { field, type Path } from './path';
import { childOf, elementOf, itemElement, type ApplyNode } from './schema';
import { deepClone, isObject } from './values';

export function pruneUnowned(value: unknown, node: ApplyNode, last: FieldSet, owned: FieldSet, keep: (path: Path) => boolean): unknown {
  const out = deepClone(value);
  walk(out, node, [], { last, owned, keep });
  return out;
}

interface Ctx {
  last: FieldSet;
  owned: FieldSet;
  keep: (path: Path) => boolean;
}

const holds = (set: FieldSet, p: Path, declared: boolean) => set.hasMember(p) || (declared && set.hasBelow(p));

function walk(v: unknown, node: ApplyNode, path: Path, ctx: Ctx): void {
  if ((node.kind === 'struct' || node.kind === 'map') && isObject(v)) {
    for (const k of Object.keys(v)) {
      const c = childOf(node, k);
      const p = [...path, field(k)];
      if (holds(ctx.last, p, c.declared) && !holds(ctx.owned, p, c.declared) && !ctx.keep(p)) delete v[k];
      else if (ctx.last.hasBelow(p)) walk(v[k], c.node, p, ctx);
    }
    return;
  }
  if (node.kind === 'list' && node.listType !== 'atomic' && Array.isArray(v)) {
    const element = elementOf(node);
    for (let i = v.length - 1; i >= 0; i--) {
      const p = [...path, itemElement(node, v[i])];
      if (ctx.last.hasMember(p) && !ctx.owned.hasMember(p)) v.splice(i, 1);
      else if (ctx.last.hasBelow(p)) walk(v[i], element, p, ctx);
    }
  }
}
