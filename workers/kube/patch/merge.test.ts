import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './merge';

describe('applyMergePatch (RFC 7386 appendix A)', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
    [undefined, { a: 1 }, { a: 1 }],
    [{ a: 1 }, {}, { a: 1 }],
  ];
  it.each(cases)('%j + %j = %j', (target, patch, want) => {
    expect(applyMergePatch(target, patch)).toEqual(want);
  });

  it('merges a Kubernetes-style patch', () => {
    const deploy = { metadata: { name: 'web', labels: { app: 'web', old: 'x' } }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'c' }] } } } };
    expect(applyMergePatch(deploy, { metadata: { labels: { old: null, new: 'y' } }, spec: { replicas: 3 } })).toEqual({
      metadata: { name: 'web', labels: { app: 'web', new: 'y' } },
      spec: { replicas: 3, template: { spec: { containers: [{ name: 'c' }] } } },
    });
  });

  it('modifies neither argument and shares no structure with them', () => {
    const target = { a: { b: 1 }, keep: { deep: [1] } };
    const patch = { a: { c: { d: 2 } } };
    const out = applyMergePatch(target, patch) as { a: { c: { d: number } }; keep: { deep: number[] } };
    expect(target).toEqual({ a: { b: 1 }, keep: { deep: [1] } });
    expect(patch).toEqual({ a: { c: { d: 2 } } });
    out.a.c.d = 9;
    out.keep.deep.push(2);
    expect(patch.a.c.d).toBe(2);
    expect(target.keep.deep).toEqual([1]);
  });

  it('keeps __proto__ and constructor keys as data without polluting prototypes', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "a": {"__proto__": {"x": 1}}}');
    const out = applyMergePatch({}, patch) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out).sort()).toEqual(['__proto__', 'a', 'constructor']);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"a":{"__proto__":{"x":1}}}');
  });

  it('does not treat inherited properties as existing keys', () => {
    expect(applyMergePatch({}, { toString: { a: 1 } })).toEqual({ toString: { a: 1 } });
    expect(applyMergePatch({}, { constructor: null })).toEqual({});
  });
});
