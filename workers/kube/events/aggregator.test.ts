import { describe, expect, it } from 'vitest';
import { AGGREGATE_MAX_EVENTS, AGGREGATE_WINDOW_MS, COMBINED_PREFIX, EventAggregator } from './aggregator';

describe('EventAggregator', () => {
  it('combines the 10th and later similar events (same object, type and reason, new message) into one', () => {
    const a = new EventAggregator();
    const out = Array.from({ length: 12 }, (_, i) => a.aggregate('uid-1', 'Normal', 'SuccessfulDelete', `Deleted pod: p${i}`, 1_000 + i));
    expect(out.slice(0, AGGREGATE_MAX_EVENTS - 1).map((o) => o.message)).toEqual(Array.from({ length: 9 }, (_, i) => `Deleted pod: p${i}`));
    expect(out[9]).toEqual({ message: `${COMBINED_PREFIX}Deleted pod: p9`, correlateBy: COMBINED_PREFIX });
    expect(out[11]).toEqual({ message: `${COMBINED_PREFIX}Deleted pod: p11`, correlateBy: COMBINED_PREFIX });
  });

  it('does not combine the same message repeated, other reasons or types, or other objects', () => {
    const a = new EventAggregator();
    for (let i = 0; i < 20; i++) expect(a.aggregate('uid-1', 'Warning', 'BackOff', 'same', i).message).toBe('same');
    for (let i = 0; i < 5; i++) a.aggregate('uid-1', 'Normal', 'A', `m${i}`, i);
    for (let i = 0; i < 5; i++) a.aggregate('uid-1', 'Warning', 'A', `m${i}`, i);
    for (let i = 0; i < 5; i++) a.aggregate('uid-2', 'Normal', 'A', `m${i + 5}`, i);
    expect(a.aggregate('uid-1', 'Normal', 'B', 'x', 10).message).toBe('x');
    expect(a.aggregate('uid-1', 'Normal', 'A', 'm5', 10).message).toBe('m5');
  });

  it('starts over after ten quiet minutes', () => {
    const a = new EventAggregator();
    for (let i = 0; i < 15; i++) a.aggregate('uid-1', 'Normal', 'R', `m${i}`, 0);
    expect(a.aggregate('uid-1', 'Normal', 'R', 'late', AGGREGATE_WINDOW_MS + 1).message).toBe('late');
  });
});
