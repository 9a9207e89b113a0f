import { describe, expect, it } from 'vitest';
import { onlyGcFieldsChanged, semanticEqual } from './gc-fields';

describe('semanticEqual', () => {
  const cases: [string, unknown, unknown, boolean][] = [
    ['a missing list equals an empty one', { a: undefined }, { a: [] }, true],
    ['null equals an empty object', { a: null }, { a: {} }, true],
    ['key order does not matter', { a: 1, b: 2 }, { b: 2, a: 1 }, true],
    ['list order matters', { a: [1, 2] }, { a: [2, 1] }, false],
    ['a changed value differs', { a: { b: 'x' } }, { a: { b: 'y' } }, false],
  ];
  it.each(cases)('%s', (_n, a, b, want) => expect(semanticEqual(a, b)).toBe(want));
});

describe('onlyGcFieldsChanged', () => {
  const old = { metadata: { name: 'r', resourceVersion: '5' }, rules: [{ verbs: ['get'] }] };
  it('is true for finalizer and owner reference edits', () => {
    expect(onlyGcFieldsChanged(old, { ...old, metadata: { ...old.metadata, finalizers: ['x'], ownerReferences: [] } })).toBe(true);
  });
  it('is false when rules change', () => {
    expect(onlyGcFieldsChanged(old, { ...old, rules: [{ verbs: ['*'] }] })).toBe(false);
  });
  it('is false on create (no old object)', () => {
    expect(onlyGcFieldsChanged(undefined, old)).toBe(false);
  });
});
