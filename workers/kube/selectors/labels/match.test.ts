import { describe, expect, it } from 'vitest';
import { isEverything, matchesLabels, requiresExactMatch } from './match';
import { parseLabelSelector } from './parse';

describe('matchesLabels', () => {
  const labels = { app: 'web', tier: 'frontend', replicas: '3', 'example.com/team': 'a' };
  // selector, labels, expected
  const cases: [string, Record<string, string> | undefined, boolean][] = [
    ['', labels, true],
    ['', undefined, true],
    ['app=web', labels, true],
    ['app==web', labels, true],
    ['app=api', labels, false],
    ['app!=api', labels, true],
    ['app!=web', labels, false],
    ['missing!=x', labels, true],
    ['missing=x', labels, false],
    ['missing=', labels, false],
    ['app', labels, true],
    ['missing', labels, false],
    ['!missing', labels, true],
    ['!app', labels, false],
    ['tier in (frontend,backend)', labels, true],
    ['tier in (backend)', labels, false],
    ['tier notin (backend)', labels, true],
    ['tier notin (frontend)', labels, false],
    ['missing notin (x)', labels, true],
    ['missing in (x)', labels, false],
    ['app=web,tier=frontend', labels, true],
    ['app=web,tier=backend', labels, false],
    ['example.com/team=a', labels, true],
    ['replicas>2', labels, true],
    ['replicas>3', labels, false],
    ['replicas<4', labels, true],
    ['app>1', labels, false],
    ['missing<10', labels, false],
    ['app', undefined, false],
    ['!app', undefined, true],
    ['app notin (web)', undefined, true],
  ];
  it.each(cases)('%j on %j is %s', (sel, ls, want) => {
    expect(matchesLabels(parseLabelSelector(sel), ls)).toBe(want);
  });

  it('does not see inherited properties as labels', () => {
    expect(matchesLabels(parseLabelSelector('constructor'), {})).toBe(false);
    expect(matchesLabels(parseLabelSelector('!toString'), {})).toBe(true);
  });

  it('knows the empty selector and exact matches', () => {
    expect(isEverything(parseLabelSelector(''))).toBe(true);
    expect(isEverything(parseLabelSelector('a'))).toBe(false);
    expect(requiresExactMatch(parseLabelSelector('a=b,c'), 'a')).toBe('b');
    expect(requiresExactMatch(parseLabelSelector('a in (b)'), 'a')).toBe('b');
    expect(requiresExactMatch(parseLabelSelector('a in (b,c)'), 'a')).toBeUndefined();
    expect(requiresExactMatch(parseLabelSelector('a!=b'), 'a')).toBeUndefined();
  });
});
