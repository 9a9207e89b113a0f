import { describe, expect, it } from 'vitest';
import { EventSpamFilter, SPAM_BURST, SPAM_REFILL_MS } from './spam-filter';

describe('EventSpamFilter', () => {
  it('lets a burst of 25 events about one object through, then drops the rest', () => {
    const f = new EventSpamFilter();
    const key = EventSpamFilter.key('replicaset-controller', 'uid-1');
    const allowed = Array.from({ length: 40 }, () => f.allow(key, 1_000)).filter(Boolean).length;
    expect(allowed).toBe(SPAM_BURST);
  });

  it('refills one token per five minutes, up to the burst', () => {
    const f = new EventSpamFilter();
    const key = EventSpamFilter.key('c', 'uid-1');
    for (let i = 0; i < SPAM_BURST; i++) f.allow(key, 0);
    expect(f.allow(key, SPAM_REFILL_MS / 2)).toBe(false);
    expect(f.allow(key, SPAM_REFILL_MS)).toBe(true);
    expect(f.allow(key, SPAM_REFILL_MS)).toBe(false);
    // A day later the bucket is full again, not fuller.
    const later = 300 * SPAM_REFILL_MS;
    expect(Array.from({ length: 40 }, () => f.allow(key, later)).filter(Boolean).length).toBe(SPAM_BURST);
  });

  it('keeps a bucket per source and object', () => {
    const f = new EventSpamFilter(1);
    expect(f.allow(EventSpamFilter.key('a', 'uid-1'), 0)).toBe(true);
    expect(f.allow(EventSpamFilter.key('a', 'uid-1'), 0)).toBe(false);
    expect(f.allow(EventSpamFilter.key('a', 'uid-2'), 0)).toBe(true);
    expect(f.allow(EventSpamFilter.key('b', 'uid-1'), 0)).toBe(true);
  });
});
