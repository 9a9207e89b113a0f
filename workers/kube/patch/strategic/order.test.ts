// List order after a merge: $setElementOrder first, then the patch list's order, then the live order.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mapList } from '../../schemas/meta';
import { applyStrategicMergePatch } from './index';

const item = z.strictObject({ name: z.number(), value: z.string().optional(), other: z.string().optional() });
const schema = z.strictObject({
  items: mapList(item).optional(),
  ints: z.array(z.number()).optional().meta({ 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set' }),
});

const names = (...n: number[]) => n.map((name) => ({ name }));

interface OrderCase {
  name: string;
  live: unknown;
  patch: unknown;
  want: unknown;
}

const cases: OrderCase[] = [
  {
    name: 'the patch list order wins when it names every item',
    live: { items: [{ name: 1 }, { name: 2, value: 'b' }, { name: 3 }] },
    patch: { items: [{ name: 3, value: 'c' }, { name: 1, value: 'a' }, { name: 2, other: 'x' }] },
    want: { items: [{ name: 3, value: 'c' }, { name: 1, value: 'a' }, { name: 2, value: 'b', other: 'x' }] },
  },
  {
    name: 'a live-only item keeps its place before the patched items that followed it',
    live: { items: [{ name: 1 }, { name: 2, value: 'b' }, { name: 3 }] },
    patch: { items: [{ name: 3, value: 'c' }, { name: 1, value: 'a' }] },
    want: { items: [{ name: 2, value: 'b' }, { name: 3, value: 'c' }, { name: 1, value: 'a' }] },
  },
  {
    name: 'scalars follow the patch order the same way',
    live: { ints: [1, 2, 3] },
    patch: { ints: [3, 1] },
    want: { ints: [2, 3, 1] },
  },
  {
    name: 'scalars are merged as a set without duplicates',
    live: { ints: [1, 2] },
    patch: { ints: [2, 3, 3] },
    want: { ints: [1, 2, 3] },
  },
  {
    name: '$setElementOrder may name items that are in neither list',
    live: { items: names(1, 3) },
    patch: { '$setElementOrder/items': names(3, 2, 1), items: [{ name: 3, value: '3' }, { name: 1, value: '1' }] },
    want: { items: [{ name: 3, value: '3' }, { name: 1, value: '1' }] },
  },
  {
    name: '$setElementOrder alone reorders a scalar list',
    live: { ints: [1, 3] },
    patch: { '$setElementOrder/ints': [3, 2, 1] },
    want: { ints: [3, 1] },
  },
  {
    name: '$setElementOrder alone reorders a map list and keeps live-only items in relative place',
    live: { items: names(1, 2, 3, 4) },
    patch: { '$setElementOrder/items': names(4, 2) },
    // 3 preceded 4 in the live list, so it still does.
    want: { items: names(1, 3, 4, 2) },
  },
  {
    name: '$setElementOrder with a list that is not live yet',
    live: {},
    patch: { '$setElementOrder/items': names(2, 1), items: [{ name: 2, value: 'b' }, { name: 1 }] },
    want: { items: [{ name: 2, value: 'b' }, { name: 1 }] },
  },
  {
    name: '$setElementOrder puts new items among live ones',
    live: { items: names(1, 3) },
    patch: { '$setElementOrder/items': names(1, 2, 3), items: names(2) },
    want: { items: names(1, 2, 3) },
  },
  {
    name: 'deleting by merge key removes every duplicate',
    live: { items: [{ name: 1 }, { name: 1 }, { name: 2, value: 'a' }, { name: 3 }, { name: 3 }] },
    patch: { items: [{ name: 1, $patch: 'delete' }, { name: 3, $patch: 'delete' }] },
    want: { items: [{ name: 2, value: 'a' }] },
  },
  {
    name: 'a lone replace item empties the list',
    live: { items: names(1, 2) },
    patch: { items: [{ $patch: 'replace' }] },
    want: { items: [] },
  },
  {
    name: 'merging into an empty list',
    live: { items: [] },
    patch: { items: [] },
    want: { items: [] },
  },
];

describe('merge list order', () => {
  it.each(cases)('$name', ({ live, patch, want }) => {
    expect(applyStrategicMergePatch(live, patch, schema)).toEqual(want);
  });
});
