import { describe, expect, it } from 'vitest';
import { deployment } from '../testing/builders';
import { fenceposts, maxUnavailable } from './util';

describe('maxSurge / maxUnavailable resolution', () => {
  it.each([
    { replicas: 10, surge: '25%', unavailable: '25%', want: { maxSurge: 3, maxUnavailable: 2 } },
    { replicas: 3, surge: '25%', unavailable: '25%', want: { maxSurge: 1, maxUnavailable: 0 } },
    { replicas: 1, surge: '25%', unavailable: '25%', want: { maxSurge: 1, maxUnavailable: 0 } },
    { replicas: 4, surge: 0, unavailable: 0, want: { maxSurge: 0, maxUnavailable: 1 } },
    { replicas: 3, surge: '0%', unavailable: '10%', want: { maxSurge: 0, maxUnavailable: 1 } },
    { replicas: 5, surge: 2, unavailable: '50%', want: { maxSurge: 2, maxUnavailable: 2 } },
    { replicas: 10, surge: '100%', unavailable: '0%', want: { maxSurge: 10, maxUnavailable: 0 } },
  ])('$replicas replicas, surge $surge, unavailable $unavailable: surge rounds up, unavailable down', ({ replicas, surge, unavailable, want }) => {
    expect(fenceposts(deployment('web', { replicas, maxSurge: surge, maxUnavailable: unavailable }))).toEqual(want);
  });

  it('Recreate allows no unavailability by the strategy, and never more than the desired size', () => {
    expect(maxUnavailable(deployment('web', { strategy: 'Recreate' }))).toBe(0);
    expect(maxUnavailable(deployment('web', { replicas: 2, maxUnavailable: 5 }))).toBe(2);
  });
});
