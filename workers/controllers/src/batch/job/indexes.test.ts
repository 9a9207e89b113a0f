import { describe, expect, it } from 'vitest';
import { firstFreeIndexes, formatIndexes, parseIndexes } from './indexes';

describe('completion index sets', () => {
  it.each([
    { set: [], text: '' },
    { set: [0], text: '0' },
    { set: [1, 3, 4, 5], text: '1,3-5' },
    { set: [5, 4, 3, 1], text: '1,3-5' },
    { set: [0, 1, 2, 7, 9, 10], text: '0-2,7,9-10' },
    { set: [2, 2, 3], text: '2-3' },
  ])('$set compresses to "$text" and parses back', ({ set, text }) => {
    expect(formatIndexes(set)).toBe(text);
    expect([...parseIndexes(text)].sort((a, b) => a - b)).toEqual([...new Set(set)].sort((a, b) => a - b));
  });

  it('drops indexes at or beyond the limit and skips malformed parts', () => {
    expect([...parseIndexes('1,x,3-6', 5)]).toEqual([1, 3, 4]);
  });

  it('picks the lowest free indexes', () => {
    expect(firstFreeIndexes(6, 3, new Set([0, 2]), new Set([3]))).toEqual([1, 4, 5]);
    expect(firstFreeIndexes(3, 5, new Set([1]))).toEqual([0, 2]);
  });
});
