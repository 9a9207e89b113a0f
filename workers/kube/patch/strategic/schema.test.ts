// Reading patch metadata from zod schemas through wrappers, and free-form fallbacks.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mapList, setList } from '../../schemas/meta';
import { applyStrategicMergePatch, describePatchSchema, schemaSupportsStrategicMerge } from './index';
import { deployment } from './schemas.test-helpers';

const named = z.strictObject({ name: z.string(), v: z.string().optional() });

describe('describePatchSchema', () => {
  it.each([
    { name: 'mapList', schema: mapList(named), kind: 'array', strategies: ['merge'], mergeKey: 'name' },
    { name: 'meta on the optional wrapper', schema: z.array(named).optional().meta({ 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'name' }), kind: 'array', strategies: ['merge'], mergeKey: 'name' },
    { name: 'optional, nullable, default around a mapList', schema: mapList(named).nullable().optional().default([]), kind: 'array', strategies: ['merge'], mergeKey: 'name' },
    { name: 'a lazy mapList', schema: z.lazy(() => mapList(named)), kind: 'array', strategies: ['merge'], mergeKey: 'name' },
    { name: 'a preprocessed object', schema: z.preprocess((v) => v, named), kind: 'object', strategies: [] },
    { name: 'a union holding an object', schema: z.union([z.string(), named]), kind: 'object', strategies: [] },
    { name: 'IntOrString', schema: z.union([z.int32(), z.string()]), kind: 'scalar', strategies: [] },
    { name: 'a combined strategy', schema: z.array(named).meta({ 'x-kubernetes-patch-strategy': 'merge,retainKeys', 'x-kubernetes-patch-merge-key': 'name' }), kind: 'array', strategies: ['merge', 'retainKeys'], mergeKey: 'name' },
    { name: 'setList (no patch strategy: replaced)', schema: setList(z.string()), kind: 'array', strategies: [] },
    { name: 'unknown', schema: z.unknown(), kind: 'loose', strategies: [] },
    { name: 'a record of unknown', schema: z.record(z.string(), z.unknown()), kind: 'loose', strategies: [] },
    { name: 'a record of strings', schema: z.record(z.string(), z.string()), kind: 'record', strategies: [] },
  ])('$name', ({ schema, kind, strategies, mergeKey }) => {
    const node = describePatchSchema(schema);
    expect(node.kind).toBe(kind);
    expect(node.strategies).toEqual(strategies);
    expect(node.mergeKey).toBe(mergeKey);
  });
});

describe('schemaSupportsStrategicMerge', () => {
  it.each([
    { name: 'a typed kind', schema: deployment, want: true },
    { name: 'a loose object', schema: z.looseObject({ spec: z.unknown() }), want: true },
    { name: 'unknown (a custom resource without a schema)', schema: z.unknown(), want: false },
    { name: 'a record of unknown', schema: z.record(z.string(), z.unknown()), want: false },
  ])('$name → $want', ({ schema, want }) => {
    expect(schemaSupportsStrategicMerge(schema)).toBe(want);
  });
});

describe('schemas driving the merge', () => {
  const item = z.strictObject({ name: z.string(), v: z.string().optional(), tags: z.array(z.string()).optional() });
  const tree: z.ZodType = z.strictObject({
    name: z.string().optional(),
    items: z.lazy(() => mapList(item)).optional(),
    children: z.lazy(() => mapList(tree)).optional(),
    $ref: z.string().optional(),
    extra: z.unknown().optional(),
  });

  it.each([
    {
      name: 'merges through a recursive lazy schema',
      live: { children: [{ name: 'a', items: [{ name: 'x', v: '1' }] }] },
      patch: { children: [{ name: 'a', items: [{ name: 'x', v: '2' }] }] },
      want: { children: [{ name: 'a', items: [{ name: 'x', v: '2' }] }] },
    },
    {
      name: 'a declared $-field is data, not a directive',
      live: {},
      patch: { $ref: '#/definitions/x' },
      want: { $ref: '#/definitions/x' },
    },
    {
      name: 'a list without patch strategy is replaced',
      live: { items: [{ name: 'x', tags: ['a', 'b'] }] },
      patch: { items: [{ name: 'x', tags: ['c'] }] },
      want: { items: [{ name: 'x', tags: ['c'] }] },
    },
    {
      name: 'a free-form field takes JSON merge patch semantics, $-keys included',
      live: { extra: { a: { b: 1, c: 2 }, list: [1, 2] } },
      patch: { extra: { a: { b: null, d: 3 }, list: [3], $patch: 'delete' } },
      want: { extra: { a: { c: 2, d: 3 }, list: [3], $patch: 'delete' } },
    },
    {
      name: 'a field the schema does not know is merged as free-form JSON',
      live: { unknownField: { a: 1 } },
      patch: { unknownField: { b: 2 } },
      want: { unknownField: { a: 1, b: 2 } },
    },
  ])('$name', ({ live, patch, want }) => {
    expect(applyStrategicMergePatch(live, patch, tree)).toEqual(want);
  });

  it('applies JSON merge patch to a wholly free-form schema', () => {
    expect(applyStrategicMergePatch({ a: [1], b: { c: 1 } }, { a: [2], b: { c: null, d: 1 } }, z.unknown())).toEqual({ a: [2], b: { d: 1 } });
  });
});
