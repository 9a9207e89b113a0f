// Final order of a merged list. Precedence, as upstream defines it: the order list
// (`$setElementOrder/<field>` or else the patch list itself) > the order of the live list.
// Items the order list names come in its order; live-only items keep their relative order and are
// slotted back before the first named item that followed them in the live list.
import { isObject, own } from './json';
import { noMergeKey, orderMismatch } from './errors';

/** How items are told apart: the merge key's value for maps, the value itself for scalars. */
export type Identity = (item: unknown) => unknown;

export const scalarIdentity: Identity = (v) => v;

export const keyIdentity =
  (key: string): Identity =>
  (v) =>
    isObject(v) ? own(v, key) : undefined;

const indexOf = (ids: unknown[]) => {
  const m = new Map<unknown, number>();
  ids.forEach((id, i) => {
    if (!m.has(id)) m.set(id, i);
  });
  return m;
};

/** Orders `merged` by `order` first and by the live list `server` for everything else. */
export function orderMerged(merged: unknown[], order: unknown[], server: unknown[], id: Identity): unknown[] {
  const orderIdx = indexOf(order.map(id));
  const serverIdx = indexOf(server.map(id));
  const rank = (idx: Map<unknown, number>, item: unknown) => idx.get(id(item)) ?? Number.POSITIVE_INFINITY;

  const named: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const item of merged) (orderIdx.has(id(item)) ? named : serverOnly).push(item);
  // Array.prototype.sort is stable, so ties keep their merged order.
  named.sort((a, b) => rank(orderIdx, a) - rank(orderIdx, b));
  serverOnly.sort((a, b) => rank(serverIdx, a) - rank(serverIdx, b));

  // A live-only item goes first only when both items are live and it came first there; an item
  // new to the list therefore goes before the live-only items still waiting.
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < named.length) {
    if (j >= named.length) out.push(serverOnly[i++]);
    else if (i >= serverOnly.length) out.push(named[j++]);
    else {
      const l = serverIdx.get(id(serverOnly[i]));
      const r = serverIdx.get(id(named[j]));
      if (l !== undefined && r !== undefined && l < r) out.push(serverOnly[i++]);
      else out.push(named[j++]);
    }
  }
  return out;
}

/**
 * Checks that the patch list names its items in the same relative order as `$setElementOrder`
 * (items carrying a `$patch` directive are not ordered and are skipped).
 */
export function checkOrderConsistent(patchList: unknown[], order: unknown[], mergeKey: string | undefined, id: Identity): void {
  const items = patchList.filter((p) => !(isObject(p) && own(p, '$patch') !== undefined));
  if (mergeKey) {
    for (const item of [...items, ...order]) {
      if (!isObject(item) || own(item, mergeKey) === undefined) throw noMergeKey(item, mergeKey);
    }
  }
  let p = 0;
  for (let o = 0; p < items.length && o < order.length; o++) {
    if (id(items[p]) === id(order[o])) p++;
  }
  if (p < items.length) throw orderMismatch(patchList, order);
}
