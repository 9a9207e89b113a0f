import { describe, expect, it } from 'vitest';
import { breakdownRule, compactRules, compactString, coveringRules } from './covers';
import { rule } from './rbac.testing';
import type { PolicyRule } from './types';

describe('coveringRules', () => {
  const cases: [string, PolicyRule[], PolicyRule, boolean][] = [
    ['the same rule is covered', [rule(['get'], [''], ['pods'])], rule(['get'], [''], ['pods']), true],
    ['a subset of verbs is covered', [rule(['get', 'list'], [''], ['pods'])], rule(['list'], [''], ['pods']), true],
    ['parts may be covered by different owner rules', [rule(['get'], [''], ['pods']), rule(['list'], [''], ['pods'])], rule(['get', 'list'], [''], ['pods']), true],
    ['an extra verb is not covered', [rule(['get'], [''], ['pods'])], rule(['get', 'delete'], [''], ['pods']), false],
    ['the verb * covers any verb', [rule(['*'], [''], ['pods'])], rule(['escalate'], [''], ['pods']), true],
    ['a specific verb does not cover *', [rule(['get'], [''], ['pods'])], rule(['*'], [''], ['pods']), false],
    ['the group * covers any group', [rule(['get'], ['*'], ['pods'])], rule(['get'], ['apps'], ['pods']), true],
    ['the resource * covers subresources', [rule(['get'], [''], ['*'])], rule(['get'], [''], ['pods/log']), true],
    ['*/status covers pods/status', [rule(['get'], [''], ['*/status'])], rule(['get'], [''], ['pods/status']), true],
    ['*/status does not cover pods', [rule(['get'], [''], ['*/status'])], rule(['get'], [''], ['pods']), false],
    ['pods does not cover pods/log', [rule(['get'], [''], ['pods'])], rule(['get'], [''], ['pods/log']), false],
    ['an unrestricted owner covers a named request', [rule(['get'], [''], ['pods'])], rule(['get'], [''], ['pods'], ['web']), true],
    ['a named owner covers the same name', [rule(['get'], [''], ['pods'], ['web', 'db'])], rule(['get'], [''], ['pods'], ['web']), true],
    ['a named owner does not cover another name', [rule(['get'], [''], ['pods'], ['web'])], rule(['get'], [''], ['pods'], ['db']), false],
    ['a named owner does not cover all names', [rule(['get'], [''], ['pods'], ['web'])], rule(['get'], [''], ['pods']), false],
    ['a URL prefix covers a longer URL', [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }], { verbs: ['get'], nonResourceURLs: ['/apis/apps'] }, true],
    ['a URL does not cover its prefix form', [{ verbs: ['get'], nonResourceURLs: ['/apis/apps'] }], { verbs: ['get'], nonResourceURLs: ['/apis/*'] }, false],
    ['the URL * covers all URLs', [{ verbs: ['*'], nonResourceURLs: ['*'] }], { verbs: ['get'], nonResourceURLs: ['/metrics'] }, true],
    ['resource rules do not cover URLs', [rule(['*'], ['*'], ['*'])], { verbs: ['get'], nonResourceURLs: ['/metrics'] }, false],
    ['a resource rule without apiGroups grants nothing, so is covered', [], { verbs: ['get'], resources: ['pods'] }, true],
  ];
  it.each(cases)('%s', (_n, owner, wanted, want) => {
    expect(coveringRules(owner, [wanted]).length === 0).toBe(want);
  });

  it('returns the atoms that are missing', () => {
    expect(coveringRules([rule(['get'], [''], ['pods'])], [rule(['get', 'delete'], [''], ['pods', 'services'])])).toEqual([
      rule(['delete'], [''], ['pods']),
      rule(['get'], [''], ['services']),
      rule(['delete'], [''], ['services']),
    ]);
  });
});

describe('breakdownRule', () => {
  it('splits by group, resource, verb and name, then URL and verb', () => {
    expect(breakdownRule(rule(['get', 'list'], ['', 'apps'], ['x'], ['n']))).toHaveLength(4);
    expect(breakdownRule({ verbs: ['get', 'post'], nonResourceURLs: ['/a', '/b'] })).toHaveLength(4);
  });
});

describe('compactRules and compactString', () => {
  it('merges atoms that differ only by verb', () => {
    const merged = compactRules([rule(['get'], [''], ['pods']), rule(['list'], [''], ['pods']), rule(['get'], ['apps'], ['deployments'])]);
    expect(merged.map(compactString)).toEqual([
      '{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}',
      '{APIGroups:["apps"], Resources:["deployments"], Verbs:["get"]}',
    ]);
  });

  it('keeps names apart and prints fields in upstream order', () => {
    const merged = compactRules([rule(['get'], [''], ['pods'], ['a']), rule(['get'], [''], ['pods'], ['b']), { verbs: ['get'], nonResourceURLs: ['/x'] }]);
    expect(merged.map(compactString)).toEqual([
      '{NonResourceURLs:["/x"], Verbs:["get"]}',
      '{APIGroups:[""], Resources:["pods"], ResourceNames:["a"], Verbs:["get"]}',
      '{APIGroups:[""], Resources:["pods"], ResourceNames:["b"], Verbs:["get"]}',
    ]);
  });

  it('escapes like Go', () => {
    expect(compactString({ verbs: ['g"et'], nonResourceURLs: ['/a\\b'] })).toBe('{NonResourceURLs:["/a\\\\b"], Verbs:["g\\"et"]}');
  });
});
