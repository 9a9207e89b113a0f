import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { atomicList, mapList, setList } from '../schemas/meta';
import { mergeApplied } from './merge';
import { nodeOf } from './schema';

const item = z.strictObject({ name: z.string(), v: z.string().optional(), w: z.string().optional() });
const node = nodeOf(z.strictObject({ items: mapList(item).optional(), tags: setList(z.string()).optional(), args: atomicList(z.string()).optional(), free: z.unknown().optional() }));
const named = (...names: string[]) => names.map((name) => ({ name }));

describe('merging an apply configuration into the live object', () => {
  const cases: { name: string; live: unknown; config: unknown; want: unknown }[] = [
    {
      name: 'map-list items merge field by field, matched by key',
      live: { items: [{ name: 'a', v: '1' }] },
      config: { items: [{ name: 'a', w: '2' }] },
      want: { items: [{ name: 'a', v: '1', w: '2' }] },
    },
    {
      name: 'live-only items keep their place and shared items follow the configuration order',
      live: { items: named('a', 'b', 'c') },
      config: { items: named('c', 'a') },
      want: { items: named('b', 'c', 'a') },
    },
    {
      name: 'new items come where the configuration puts them relative to shared ones',
      live: { items: named('a', 'b') },
      config: { items: named('x', 'a', 'y') },
      want: { items: named('x', 'a', 'b', 'y') },
    },
    { name: 'set lists take the union', live: { tags: ['a', 'b'] }, config: { tags: ['c', 'a'] }, want: { tags: ['c', 'a', 'b'] } },
    { name: 'atomic lists are replaced', live: { args: ['a', 'b'] }, config: { args: ['c'] }, want: { args: ['c'] } },
    { name: 'free-form values are replaced whole', live: { free: { a: 1, b: 2 } }, config: { free: { a: 3 } }, want: { free: { a: 3 } } },
    { name: 'null in the configuration clears the field', live: { args: ['a'], tags: ['x'] }, config: { args: null }, want: { tags: ['x'] } },
  ];
  it.each(cases)('$name', ({ live, config, want }) => {
    expect(mergeApplied(live, config, node)).toEqual(want);
  });
});
