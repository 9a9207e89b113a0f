import { describe, expect, it } from 'vitest';
import { StatusError } from '../../status';
import { escapeFieldValue, unescapeFieldValue } from './escape';
import { formatFieldSelector, isEverything, matchesFields, requirementsOf, requiresExactMatch, validateFieldSelectorKeys } from './match';
import { parseFieldSelector } from './parse';

function errorOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected rejection');
}

describe('parseFieldSelector', () => {
  // input, printed back
  const good: [string, string][] = [
    ['', ''],
    [',', ''],
    ['a=b', 'a=b'],
    ['a==b', 'a=b'],
    ['a!=b', 'a!=b'],
    ['a=', 'a='],
    ['a=b,c=d', 'a=b,c=d'],
    ['c=d,a=b', 'a=b,c=d'],
    ['a=b,,c=d', 'a=b,c=d'],
    ['metadata.name=web,status.phase!=Running', 'metadata.name=web,status.phase!=Running'],
    ['a=x\\,y', 'a=x\\,y'],
    ['a=x\\=y', 'a=x\\=y'],
    ['a=x\\\\y', 'a=x\\\\y'],
    ['a=b!c', 'a=b!c'],
    ['a=b c', 'a=b c'],
    ['=b', '=b'],
    ['a!=', 'a!='],
  ];
  it.each(good)('%j prints as %j', (input, printed) => {
    expect(formatFieldSelector(parseFieldSelector(input))).toBe(printed);
  });

  it('unescapes values and reports requirements', () => {
    expect(requirementsOf(parseFieldSelector('b==x\\,y\\=z\\\\,a!=1'))).toEqual([
      { field: 'a', operator: '!=', value: '1' },
      { field: 'b', operator: '=', value: 'x,y=z\\' },
    ]);
  });

  const bad: [string, string][] = [
    ['a', "invalid selector: 'a'; can't understand 'a'"],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    ['a<b', "invalid selector: 'a<b'; can't understand 'a<b'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b!=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
    ['a=b\\n', 'invalid field selector: invalid escape sequence: \\n'],
    ['a=b\\!', 'invalid field selector: invalid escape sequence: \\!'],
    ["a=b' OR 1=1 --", 'invalid field selector: unescaped character in value: 61'],
    ['z, a=b', "invalid selector: 'z, a=b'; can't understand 'z'"],
  ];
  it.each(bad)('rejects %j with 400', (input, message) => {
    const err = errorOf(() => parseFieldSelector(input));
    expect(err.code).toBe(400);
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe(message);
  });

  it('reports the first bad term in sorted order, as upstream', () => {
    expect(errorOf(() => parseFieldSelector('y,x')).message).toBe("invalid selector: 'y,x'; can't understand 'x'");
  });
});

describe('escaping', () => {
  it.each(['', 'plain', 'a,b', 'a=b', 'back\\slash', ',=\\', 'a!b'])('round-trips %j', (v) => {
    expect(unescapeFieldValue(escapeFieldValue(v))).toBe(v);
  });
});

describe('matchesFields', () => {
  const fields = { 'metadata.name': 'web', 'metadata.namespace': 'default', 'status.phase': 'Running' };
  const cases: [string, boolean][] = [
    ['', true],
    ['metadata.name=web', true],
    ['metadata.name==web', true],
    ['metadata.name=api', false],
    ['metadata.name!=api', true],
    ['metadata.name=web,status.phase=Running', true],
    ['metadata.name=web,status.phase!=Running', false],
    ['spec.nodeName=', true],
    ['spec.nodeName!=', false],
    ['spec.nodeName!=node-1', true],
    ['constructor=', true],
  ];
  it.each(cases)('%j is %s', (sel, want) => {
    expect(matchesFields(parseFieldSelector(sel), fields)).toBe(want);
  });

  it('knows everything and exact matches', () => {
    expect(isEverything(parseFieldSelector(''))).toBe(true);
    expect(requiresExactMatch(parseFieldSelector('spec.nodeName=n1,metadata.name!=x'), 'spec.nodeName')).toBe('n1');
    expect(requiresExactMatch(parseFieldSelector('metadata.name!=x'), 'metadata.name')).toBeUndefined();
  });
});

describe('validateFieldSelectorKeys', () => {
  const allowed = ['metadata.name', 'metadata.namespace', 'spec.nodeName'];
  it('accepts supported keys', () => {
    expect(() => validateFieldSelectorKeys(parseFieldSelector('spec.nodeName=n,metadata.name!=x'), allowed, 'pods')).not.toThrow();
  });
  it.each([
    ['spec.foo=bar', 'spec.foo'],
    ['metadata.name=a,zzz=1', 'zzz'],
    ['=x', ''],
  ])('rejects %j naming %j', (sel, key) => {
    const err = errorOf(() => validateFieldSelectorKeys(parseFieldSelector(sel), allowed, 'pods'));
    expect(err.code).toBe(400);
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe(`field label not supported: ${key}`);
  });
});
