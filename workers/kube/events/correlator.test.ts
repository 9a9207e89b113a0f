import { describe, expect, it } from 'vitest';
import { AGGREGATE_MS, EventCorrelator } from './correlator';

describe('EventCorrelator', () => {
  it('counts repeats of a remembered event within the window', () => {
    const c = new EventCorrelator();
    const key = EventCorrelator.key('uid-1', 'BackOff', 'back-off 10s');
    expect(c.repeat(key, 0)).toBeUndefined();
    c.remember(key, { name: 'e1', namespace: 'ns', count: 1, at: 0 });
    expect(c.repeat(key, 1000)).toMatchObject({ name: 'e1', count: 2 });
    expect(c.repeat(key, 2000)).toMatchObject({ name: 'e1', count: 3 });
  });
  it('starts a new event after the window, or once forgotten', () => {
    const c = new EventCorrelator();
    const key = EventCorrelator.key('uid-1', 'BackOff', 'm');
    c.remember(key, { name: 'e1', namespace: 'ns', count: 1, at: 0 });
    expect(c.repeat(key, AGGREGATE_MS)).toBeUndefined();
    c.remember(key, { name: 'e2', namespace: 'ns', count: 1, at: AGGREGATE_MS });
    c.forget(key);
    expect(c.repeat(key, AGGREGATE_MS + 1)).toBeUndefined();
  });
  it('keys differ by object, reason and message', () => {
    const keys = new Set([EventCorrelator.key('a', 'r', 'm'), EventCorrelator.key('b', 'r', 'm'), EventCorrelator.key('a', 's', 'm'), EventCorrelator.key('a', 'r', 'n')]);
    expect(keys.size).toBe(4);
  });
});
