import { describe, expect, it } from 'vitest';
import { HeartbeatStats, quantiles } from './heartbeat-stats';

describe('quantiles', () => {
  it('is zero for no samples and nearest-rank otherwise', () => {
    expect(quantiles([])).toEqual({ p50: 0, p99: 0, max: 0 });
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(quantiles(hundred)).toEqual({ p50: 50, p99: 99, max: 100 });
    expect(quantiles([7])).toEqual({ p50: 7, p99: 7, max: 7 });
  });
});

describe('HeartbeatStats', () => {
  it('reports the longest gap between two renewals of one node, and starts over after take()', () => {
    const s = new HeartbeatStats();
    s.renewed('a', 1, 10, 1_000);
    s.renewed('b', 2, 20, 1_500);
    s.renewed('a', 3, 30, 6_000);
    s.renewed('b', 4, 40, 13_500);
    s.skip();
    s.failed();
    const first = s.take();
    expect(first).toMatchObject({ renewals: 4, skipped: 1, failed: 1, maxGapMs: 12_000, maxGapNode: 'b' });
    expect(first.callMs.max).toBe(40);
    expect(first.queuedMs.p50).toBe(2);
    // The gap is measured from the last renewal before take(), so a slow node is not forgotten.
    s.renewed('a', 0, 5, 30_000);
    expect(s.take()).toMatchObject({ renewals: 1, skipped: 0, failed: 0, maxGapMs: 24_000, maxGapNode: 'a' });
  });

  it('names the stalest node, leaving out the ones forgotten on purpose', () => {
    const s = new HeartbeatStats();
    s.renewed('a', 0, 1, 1_000);
    s.renewed('b', 0, 1, 2_000);
    expect(s.stalest(10_000)).toEqual({ node: 'a', ms: 9_000 });
    s.forget(['a']);
    expect(s.stalest(10_000)).toEqual({ node: 'b', ms: 8_000 });
    s.renewed('a', 0, 1, 11_000);
    expect(s.take().maxGapMs).toBe(0);
  });
});
