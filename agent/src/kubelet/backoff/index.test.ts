import { describe, expect, it } from 'vitest';
import { Backoff, goDuration } from './index';

describe('Backoff', () => {
  it('doubles from 10 s to the 300 s cap and measures from the event time', () => {
    let now = 0;
    const b = new Backoff({ initialMs: 10_000, maxMs: 300_000, now: () => now });
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      b.next('k', now);
      delays.push(b.get('k'));
    }
    expect(delays).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    now = 299_999;
    expect(b.isInBackOffSince('k', 0)).toBe(true);
    now = 300_000;
    expect(b.isInBackOffSince('k', 0)).toBe(false);
  });

  it('starts over when the last failure is older than twice the cap', () => {
    let now = 0;
    const b = new Backoff({ initialMs: 10_000, maxMs: 300_000, now: () => now });
    b.next('k', 0);
    b.next('k', 0);
    expect(b.get('k')).toBe(20_000);
    now = 700_000;
    expect(b.isInBackOffSince('k', now)).toBe(false);
    b.next('k', now);
    expect(b.get('k')).toBe(10_000);
  });

  it('tracks pull back-off from the last update and forgets a pod prefix', () => {
    let now = 0;
    const b = new Backoff({ initialMs: 10_000, maxMs: 300_000, now: () => now });
    b.next('uid1_img', now);
    b.next('uid2_img', now);
    now = 9_999;
    expect(b.isInBackOffSinceUpdate('uid1_img')).toBe(true);
    now = 10_000;
    expect(b.isInBackOffSinceUpdate('uid1_img')).toBe(false);
    b.resetPrefix('uid1_');
    expect([b.get('uid1_img'), b.get('uid2_img')]).toEqual([0, 10_000]);
  });

  it('formats durations like Go', () => {
    expect([10_000, 20_000, 80_000, 160_000, 300_000].map(goDuration)).toEqual(['10s', '20s', '1m20s', '2m40s', '5m0s']);
  });
});
