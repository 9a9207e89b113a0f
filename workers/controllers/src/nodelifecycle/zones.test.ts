import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, nodeLifecycleConfig } from './config';
import { node } from './testing';
import { takeToken, zoneOf, zoneRate, zoneState, zoneView } from './zones';

describe('zoneState', () => {
  it.each([
    { ready: 5, notReady: 0, want: 'Normal' },
    { ready: 1, notReady: 2, want: 'Normal' }, // too few failures to call it a disruption
    { ready: 2, notReady: 3, want: 'PartialDisruption' },
    { ready: 5, notReady: 5, want: 'Normal' }, // 50% < 55%
    { ready: 0, notReady: 1, want: 'FullDisruption' },
    { ready: 0, notReady: 0, want: 'Normal' },
  ])('$ready ready, $notReady not → $want', ({ ready, notReady, want }) => expect(zoneState(ready, notReady, 0.55)).toBe(want));
});

describe('zoneView and zoneRate', () => {
  it('stops everything only when every zone is fully disrupted', () => {
    const some = zoneView([{ zone: 'a', ready: false }, { zone: 'b', ready: true }], 0.55);
    expect(some.allFullyDisrupted).toBe(false);
    expect(zoneRate(some.states.get('a'), 1, DEFAULT_CONFIG)).toBe(0.1);
    expect(zoneView([{ zone: 'a', ready: false }, { zone: 'b', ready: false }], 0.55).allFullyDisrupted).toBe(true);
  });
  it.each([
    { state: 'Normal' as const, size: 10, want: 0.1 },
    { state: 'PartialDisruption' as const, size: 10, want: 0 },
    { state: 'PartialDisruption' as const, size: 51, want: 0.01 },
    { state: 'FullDisruption' as const, size: 3, want: 0.1 },
  ])('$state zone of $size → $want', ({ state, size, want }) => expect(zoneRate(state, size, DEFAULT_CONFIG)).toBe(want));
  it('zones come from region and zone labels', () => {
    expect(zoneOf(node('n', { zone: 'z1' }))).toBe(':z1');
    expect(zoneOf(node('n'))).toBe('');
  });
});

describe('takeToken', () => {
  it('grants one right away, then one per 1/rate seconds', () => {
    let t = takeToken(undefined, 0.1, 0);
    expect(t.taken).toBe(true);
    t = takeToken(t.bucket, 0.1, 4_000);
    expect(t).toMatchObject({ taken: false, waitMs: 6_000 });
    t = takeToken(t.bucket, 0.1, 10_000);
    expect(t.taken).toBe(true);
    // Idle time does not bank more than one token.
    t = takeToken(t.bucket, 0.1, 1_000_000);
    expect(t.taken).toBe(true);
    expect(takeToken(t.bucket, 0.1, 1_000_001).taken).toBe(false);
  });
  it('never grants at rate 0, with no wait to suggest', () => expect(takeToken(undefined, 0, 0)).toEqual({ taken: false, bucket: { tokens: 1, updatedAt: 0 } }));
});

describe('nodeLifecycleConfig', () => {
  it.each([
    { vars: undefined, grace: 40_000, evictAfter: 300 },
    { vars: { NODE_MONITOR_GRACE_PERIOD_SECONDS: '3', POD_EVICTION_TIMEOUT_SECONDS: '2' }, grace: 3_000, evictAfter: 2 },
    { vars: { NODE_MONITOR_GRACE_PERIOD_SECONDS: 'soon', POD_EVICTION_TIMEOUT_SECONDS: '-1' }, grace: 40_000, evictAfter: 300 },
    { vars: { NODE_MONITOR_GRACE_PERIOD_SECONDS: '0.2' }, grace: 40_000, evictAfter: 300 },
  ])('$vars', ({ vars, grace, evictAfter }) => {
    const cfg = nodeLifecycleConfig(vars);
    expect(cfg.gracePeriodMs).toBe(grace);
    expect(cfg.podEvictionTimeoutSeconds).toBe(evictAfter);
  });
});
