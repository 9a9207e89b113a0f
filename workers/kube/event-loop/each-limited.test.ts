import { describe, expect, it } from 'vitest';
import { eachLimited } from './each-limited';

describe('eachLimited', () => {
  it('runs every item with at most `limit` in flight and returns the errors in item order', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    const errors = await eachLimited(
      Array.from({ length: 20 }, (_, i) => i),
      4,
      async (i) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 20 - i)); // later items finish first
        inFlight--;
        if (i % 7 === 3) throw new Error(`item ${i}`);
        done.push(i);
      },
    );
    expect(most).toBe(4);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i).filter((i) => i % 7 !== 3));
    expect(errors.map((e) => (e as Error).message)).toEqual(['item 3', 'item 10', 'item 17']);
  });

  it('does nothing for no items', async () => {
    expect(await eachLimited([], 4, async () => Promise.reject(new Error('never')))).toEqual([]);
  });
});
