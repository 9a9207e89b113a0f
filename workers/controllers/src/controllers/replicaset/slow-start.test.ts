import { describe, expect, it } from 'vitest';
import { runSlowStart, slowStartBatches } from './slow-start';

describe('slow-start batches', () => {
  it.each([
    { count: 0, batches: [] },
    { count: 1, batches: [1] },
    { count: 3, batches: [1, 2] },
    { count: 10, batches: [1, 2, 4, 3] },
    { count: 16, batches: [1, 2, 4, 8, 1] },
  ])('creating $count pods goes in batches $batches', ({ count, batches }) => {
    expect(slowStartBatches(count)).toEqual(batches);
  });

  it('stops after the first batch with a failure and reports the rest as skipped', async () => {
    let n = 0;
    const res = await runSlowStart(10, async () => {
      n++;
      if (n === 3) throw new Error('quota exceeded');
    });
    // Batches 1 and 2 ran (3 attempts, one failed); 4 + 3 were never tried.
    expect(res).toEqual({ succeeded: 2, skipped: 7, errors: [new Error('quota exceeded')] });
  });

  it('creates everything when nothing fails', async () => {
    const res = await runSlowStart(7, async () => undefined);
    expect(res).toEqual({ succeeded: 7, skipped: 0, errors: [] });
  });
});
