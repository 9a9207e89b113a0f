import { describe, expect, it } from 'vitest';
import { patchTypeOf } from './types';

describe('patchTypeOf', () => {
  const cases: [string | null | undefined, string | undefined][] = [
    ['application/json-patch+json', 'application/json-patch+json'],
    ['application/merge-patch+json', 'application/merge-patch+json'],
    ['application/strategic-merge-patch+json', 'application/strategic-merge-patch+json'],
    ['application/apply-patch+yaml', 'application/apply-patch+yaml'],
    ['application/merge-patch+json; charset=utf-8', 'application/merge-patch+json'],
    ['  Application/JSON-Patch+JSON ', 'application/json-patch+json'],
    ['application/json', undefined],
    ['application/yaml', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ];
  it.each(cases)('%j is %j', (header, want) => {
    expect(patchTypeOf(header)).toBe(want);
  });
});
