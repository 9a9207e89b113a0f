import { describe, expect, it } from 'vitest';
import { cpuQuantity, memoryQuantity, nanocores, windowText } from './rate';

describe('cpu rate from cumulative counters', () => {
  it('is the cpu time used per wall time, in nanocores', () => {
    // 1.5 s of cpu over 10 s of wall time = 0.15 cores.
    expect(nanocores({ cpuNanos: 1e9, atMs: 0 }, { cpuNanos: 2.5e9, atMs: 10_000 })).toBe(150_000_000);
    // Two full cores for 15 s.
    expect(nanocores({ cpuNanos: 0, atMs: 1000 }, { cpuNanos: 30e9, atMs: 16_000 })).toBe(2_000_000_000);
  });

  it('has no rate from a single reading, a clock that did not move, or a counter reset (restart)', () => {
    expect(nanocores(undefined, { cpuNanos: 5, atMs: 1 })).toBeUndefined();
    expect(nanocores({ cpuNanos: 1, atMs: 5 }, { cpuNanos: 9, atMs: 5 })).toBeUndefined();
    expect(nanocores({ cpuNanos: 9e9, atMs: 0 }, { cpuNanos: 1e9, atMs: 1000 })).toBeUndefined();
  });

  it('formats quantities as metrics-server does', () => {
    expect(cpuQuantity(12345.6)).toBe('12346n');
    expect(cpuQuantity(-3)).toBe('0n');
    expect(memoryQuantity(65 * 1024 * 1024)).toBe('66560Ki');
    expect(windowText(15_000)).toBe('15s');
    expect(windowText(14_998)).toBe('14.998s');
  });
});
