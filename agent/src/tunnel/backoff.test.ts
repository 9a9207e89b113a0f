import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';

describe('tunnel back-off', () => {
  it('doubles up to the cap, with jitter in the upper half, and resets', () => {
    const top = new Backoff(100, 1000, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(() => top.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
    const bottom = new Backoff(100, 1000, () => 0);
    expect([bottom.next(), bottom.next()]).toEqual([50, 100]);
    top.reset();
    expect(top.next()).toBe(100);
  });
});
