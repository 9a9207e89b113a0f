import { describe, expect, it } from 'vitest';
import { matches, parseSelector } from './selector';

function sel(text: string) {
  const p = parseSelector(text);
  if (!p.ok) throw new Error(p.error);
  return p.requirements;
}

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', 'app.kubernetes.io/name': 'shop' };
  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app=db', false],
    ['app!=db', true],
    ['app!=web', false],
    ['missing!=x', true],
    ['tier in (front, back)', true],
    ['tier in (back)', false],
    ['tier notin (back)', true],
    ['app,tier=front', true],
    ['app.kubernetes.io/name=shop,!missing', true],
    ['!app', false],
    ['missing', false],
    ['app=web,tier in (x,y)', false],
  ])('%j matches: %j', (text, want) => {
    expect(matches(sel(text), labels)).toBe(want);
  });

  it('reports what it cannot parse', () => {
    const p = parseSelector('app in web');
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error).toContain('app in web');
  });
});
