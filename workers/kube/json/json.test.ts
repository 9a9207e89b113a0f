import { describe, expect, it } from 'vitest';
import { canonicalJson, deepEqual, dropNulls } from './index';

describe('dropNulls', () => {
  const cases: [string, unknown, unknown][] = [
    ['scalar', 5, 5],
    ['null at top', null, null],
    ['flat', { a: null, b: 1 }, { b: 1 }],
    ['nested', { metadata: { labels: null, name: 'x' } }, { metadata: { name: 'x' } }],
    ['inside arrays of objects', { items: [{ a: null, b: [] }] }, { items: [{ b: [] }] }],
    ['nulls in arrays are kept', { a: [null, 1] }, { a: [null, 1] }],
    ['falsy values are kept', { a: 0, b: '', c: false, d: {} }, { a: 0, b: '', c: false, d: {} }],
  ];
  it.each(cases)('%s', (_name, input, want) => {
    expect(dropNulls(input)).toEqual(want);
  });

  it('does not mutate its input', () => {
    const input = { a: null, b: { c: null } };
    dropNulls(input);
    expect(input).toEqual({ a: null, b: { c: null } });
  });

  it('keeps a literal __proto__ key as data without polluting prototypes', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "x": null}');
    const out = dropNulls(input) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it('is the same for objects differing only in key order', () => {
    expect(canonicalJson({ x: 1, y: { a: 1, b: 2 } })).toBe(canonicalJson({ y: { b: 2, a: 1 }, x: 1 }));
  });
  it('follows JSON.stringify for scalars, undefined and non-finite numbers', () => {
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    expect(canonicalJson({ a: undefined, b: [undefined], c: NaN })).toBe('{"b":[null],"c":null}');
    expect(canonicalJson(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
  it('round-trips through JSON.parse', () => {
    const v = { k: ['x', 1.5, true, null, { '': 'empty key' }] };
    expect(JSON.parse(canonicalJson(v))).toEqual(v);
  });
});

describe('deepEqual', () => {
  const cases: [unknown, unknown, boolean][] = [
    [1, 1, true],
    [1, '1', false],
    [null, null, true],
    [null, {}, false],
    [{}, [], false],
    [[1, 2], [1, 2], true],
    [[1, 2], [2, 1], false],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: { b: [1, { c: 'd' }] } }, { a: { b: [1, { c: 'd' }] } }, true],
    [{ a: { b: [1, { c: 'd' }] } }, { a: { b: [1, { c: 'e' }] } }, false],
    [{ toString: 1 }, {}, false],
    [NaN, NaN, true],
  ];
  it.each(cases)('%j vs %j is %s', (a, b, want) => {
    expect(deepEqual(a, b)).toBe(want);
    expect(deepEqual(b, a)).toBe(want);
  });
});
