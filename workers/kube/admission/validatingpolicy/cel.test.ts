import { describe, expect, it } from 'vitest';
import { compile, toCel } from './cel';

function evaluate(expression: string, vars: Record<string, unknown> = {}): unknown {
  const c = compile(expression);
  if (!c.ok) throw new Error(c.message);
  return c.program({ object: null, oldObject: null, request: {}, params: null, namespaceObject: null, variables: {}, ...vars });
}

describe('the CEL environment of admission policies', () => {
  it.each([
    { name: 'JSON whole numbers are ints', expr: 'object.spec.replicas + 1 == 4', vars: { object: toCel({ spec: { replicas: 3 } }) }, want: true },
    { name: 'JSON fractions are doubles', expr: 'object.ratio > 0.25', vars: { object: toCel({ ratio: 0.5 }) }, want: true },
    { name: 'has() tests a field', expr: 'has(object.spec.paused)', vars: { object: toCel({ spec: {} }) }, want: false },
    { name: 'size() counts list items', expr: 'size(object.items)', vars: { object: toCel({ items: [1, 2] }) }, want: 2n },
    { name: 'all() is a macro', expr: 'object.items.all(i, i > 0)', vars: { object: toCel({ items: [1, 2] }) }, want: true },
    { name: 'string ext: lowerAscii', expr: '"ABC".lowerAscii()', vars: {}, want: 'abc' },
    { name: 'string ext: split', expr: '"a,b".split(",")', vars: {}, want: ['a', 'b'] },
    { name: 'string ext: charAt', expr: '"abc".charAt(1)', vars: {}, want: 'b' },
    { name: 'string ext: replace', expr: '"a-b-c".replace("-", "+")', vars: {}, want: 'a+b+c' },
    { name: 'string ext: replace with a limit', expr: '"a-b-c".replace("-", "+", 1)', vars: {}, want: 'a+b-c' },
    { name: 'regex: matches', expr: '"web-1".matches("^web-[0-9]+$")', vars: {}, want: true },
    { name: 'regex: find', expr: '"abc123def".find("[0-9]+")', vars: {}, want: '123' },
    { name: 'regex: findAll', expr: '"a1b22c333".findAll("[0-9]+")', vars: {}, want: ['1', '22', '333'] },
    { name: 'lists: isSorted', expr: '[1, 2, 2, 3].isSorted()', vars: {}, want: true },
    { name: 'lists: sum', expr: '[1, 2, 3].sum()', vars: {}, want: 6n },
    { name: 'lists: min and max', expr: '[3, 1, 2].min() == 1 && [3, 1, 2].max() == 3', vars: {}, want: true },
    { name: 'lists: indexOf', expr: '["a", "b"].indexOf("b")', vars: {}, want: 1n },
    { name: 'quantity: compare', expr: 'quantity("1Gi").isGreaterThan(quantity("1000Mi"))', vars: {}, want: true },
    { name: 'quantity: arithmetic', expr: 'quantity("1Gi").sub(quantity("512Mi")).asInteger()', vars: {}, want: 536870912n },
    { name: 'quantity: isQuantity', expr: 'isQuantity("100m") && !isQuantity("1.5x")', vars: {}, want: true },
    { name: 'url: host and query', expr: 'url("https://example.com:8443/p?a=1").getHost() + "," + url("https://example.com/p?a=1").getQuery()["a"][0]', vars: {}, want: 'example.com:8443,1' },
    { name: 'url: isURL', expr: 'isURL("https://example.com") && !isURL("example")', vars: {}, want: true },
  ])('$name', ({ expr, vars, want }) => {
    expect(evaluate(expr, vars)).toEqual(want);
  });

  it.each([
    { name: 'a syntax error gives its position', expr: 'object.spec.replicas <=', want: 'ERROR: <input>:1:24: Unexpected token: EOF' },
    { name: 'an unknown variable is refused', expr: 'spec.replicas > 1', want: 'ERROR: <input>:1:1: Unknown variable: spec' },
    { name: 'an unknown function is refused', expr: 'object.x.bogus()', want: "found no matching overload for 'dyn.bogus()'" },
    { name: 'mismatched operand types are refused', expr: '1 + "a"', want: 'no such overload: int + string' },
  ])('$name', ({ expr, want }) => {
    const c = compile(expr);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.message).toContain(want);
  });

  it('refuses a result of the wrong type when one is required', () => {
    expect(compile('"x"', 'bool')).toEqual({ ok: false, message: 'ERROR: <input>:1:1: must evaluate to bool but got string' });
    expect(compile('object.x', 'bool').ok).toBe(true);
  });

  it('reports a missing key at evaluation', () => {
    expect(() => evaluate('object.spec.replicas > 1', { object: toCel({ spec: {} }) })).toThrow(/No such key: replicas/);
  });
});
