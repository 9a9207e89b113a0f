import { describe, expect, it } from 'vitest';
import { WorkQueue } from './queue';

describe('WorkQueue', () => {
  it('hands out due keys once, oldest first', () => {
    const q = new WorkQueue();
    q.add('b', 20);
    q.add('a', 10);
    q.add('a', 30);
    expect(q.takeDue(25)).toEqual(['a', 'b']);
    expect(q.takeDue(100)).toEqual([]);
  });

  it('backs off exponentially per key and forgets on success', () => {
    const q = new WorkQueue(100, 1000);
    const t0 = Date.now();
    for (let i = 0; i < 6; i++) {
      q.retry('k');
      q.takeDue(Number.MAX_SAFE_INTEGER);
    }
    q.retry('k');
    expect(q.nextDue()! - t0).toBeGreaterThanOrEqual(1000);
    q.forget('k');
    q.takeDue(Number.MAX_SAFE_INTEGER);
    q.retry('k');
    expect(q.nextDue()! - Date.now()).toBeLessThanOrEqual(100);
  });
});
