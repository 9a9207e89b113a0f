import { describe, expect, it } from 'vitest';
import { StatusError } from '../../../workers/kube/status';
import { isTransient, retryTransient } from './retry';

describe('retryTransient', () => {
  it('tries network errors and 5xx again, up to the limit', async () => {
    let calls = 0;
    const v = await retryTransient(async () => {
      if (++calls < 3) throw new Error('socket hang up');
      return 'ok';
    }, 5, 1);
    expect([v, calls]).toEqual(['ok', 3]);
    calls = 0;
    await expect(retryTransient(async () => {
      calls++;
      throw new StatusError(503, 'ServiceUnavailable', 'busy');
    }, 3, 1)).rejects.toThrow('busy');
    expect(calls).toBe(3);
  });
  it('gives up at once on a client error', async () => {
    let calls = 0;
    await expect(retryTransient(async () => {
      calls++;
      throw new StatusError(422, 'Invalid', 'bad');
    }, 5, 1)).rejects.toThrow('bad');
    expect(calls).toBe(1);
    expect(isTransient(new StatusError(429, 'TooManyRequests', 'slow down'))).toBe(true);
    expect(isTransient(new StatusError(409, 'Conflict', 'taken'))).toBe(false);
  });
});
