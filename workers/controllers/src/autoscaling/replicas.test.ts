// The replica calculator's decision table, with upstream's treatment of tolerance, unready, missing
// and ignored pods.
import { describe, expect, it } from 'vitest';
import { averageValueReplicas, utilizationReplicas } from './replicas';
import type { HpaPod, PodMetric } from './types';

const NOW = 10_000_000;
const MIN = 60_000;

/** A pod started 10 minutes ago, ready since shortly after, requesting 100m. */
function pod(name: string, extra: Partial<HpaPod> = {}): HpaPod {
  return { name, phase: 'Running', startTime: NOW - 10 * MIN, ready: { status: 'True', since: NOW - 10 * MIN + 5000 }, requests: { main: 100 }, ...extra };
}
/** Unready: started a minute ago, never ready. */
const unready = (name: string) => pod(name, { startTime: NOW - MIN, ready: { status: 'False', since: NOW - MIN } });

function usage(values: Record<string, number>): Map<string, PodMetric> {
  return new Map(Object.entries(values).map(([name, value]) => [name, { value, timestamp: NOW - 1000, windowMs: 15_000 }]));
}

function cpu(current: number, pods: HpaPod[], metrics: Record<string, number>, target = 50) {
  return utilizationReplicas({ currentReplicas: current, pods, metrics: usage(metrics), resource: 'cpu', now: NOW }, target);
}

describe('utilization replicas (cpu, target 50% of 100m)', () => {
  const cases: [string, number, HpaPod[], Record<string, number>, number][] = [
    ['doubles when every pod uses twice the target', 3, [pod('a'), pod('b'), pod('c')], { a: 100, b: 100, c: 100 }, 6],
    ['keeps the count within the 10% tolerance', 3, [pod('a'), pod('b'), pod('c')], { a: 54, b: 54, c: 54 }, 3],
    ['scales just beyond the tolerance', 3, [pod('a'), pod('b'), pod('c')], { a: 56, b: 56, c: 56 }, 4],
    ['scales down when usage is low', 4, [pod('a'), pod('b'), pod('c'), pod('d')], { a: 20, b: 20, c: 20, d: 20 }, 2],
    ['assumes a missing pod uses its whole request on a scale down', 4, [pod('a'), pod('b'), pod('c'), pod('d')], { a: 10, b: 10, c: 10 }, 3],
    ['assumes a missing pod uses nothing on a scale up', 3, [pod('a'), pod('b'), pod('c')], { a: 100, b: 100 }, 4],
    ['counts an unready pod as idle on a scale up', 3, [pod('a'), pod('b'), unready('c')], { a: 100, b: 100, c: 100 }, 4],
    ['leaves unready pods out of a scale down', 3, [pod('a'), pod('b'), unready('c')], { a: 10, b: 10, c: 100 }, 1],
    ['treats pending pods as unready', 2, [pod('a'), pod('b', { phase: 'Pending' })], { a: 100 }, 2],
    ['does not flip direction once gaps are filled', 3, [pod('a'), pod('b'), pod('c')], { a: 60 }, 3],
    ['ignores deleting and failed pods', 2, [pod('a'), pod('b'), pod('x', { deleting: true }), pod('y', { phase: 'Failed' })], { a: 100, b: 100, x: 0, y: 0 }, 4],
    ['sums containers’ requests of a pod', 2, [pod('a', { requests: { main: 100, side: 100 } }), pod('b', { requests: { main: 100, side: 100 } })], { a: 200, b: 200 }, 4],
  ];
  for (const [name, current, pods, metrics, want] of cases) {
    it(name, () => expect(cpu(current, pods, metrics).replicas).toBe(want));
  }

  it('reports the current utilization and average usage', () => {
    expect(cpu(2, [pod('a'), pod('b')], { a: 150, b: 50 })).toEqual({ replicas: 4, utilization: 100, averageValue: 100 });
  });

  it('counts a pod as unready while its sample predates readiness during cpu initialization', () => {
    const starting = pod('c', { startTime: NOW - MIN, ready: { status: 'True', since: NOW - 5000 } });
    // c's sample window (15 s) began before it turned ready: it counts as idle on this scale up.
    expect(cpu(3, [pod('a'), pod('b'), starting], { a: 100, b: 100, c: 100 }).replicas).toBe(4);
  });

  it('fails without pods, without metrics, or without requests', () => {
    expect(() => cpu(1, [], {})).toThrow('no pods returned by selector while calculating replica count');
    expect(() => cpu(1, [pod('a')], {})).toThrow('did not receive metrics for targeted pods (pods might be unready)');
    expect(() => cpu(1, [pod('a', { requests: { main: undefined } })], { a: 5 })).toThrow('missing request for cpu in container main of Pod a');
  });
});

describe('average value replicas', () => {
  const avg = (current: number, pods: HpaPod[], metrics: Record<string, number>, resource = 'cpu') =>
    averageValueReplicas({ currentReplicas: current, pods, metrics: usage(metrics), resource, now: NOW }, 100);

  it('scales to keep the per-pod average at the target, needing no requests', () => {
    const noRequests = (n: string) => pod(n, { requests: {} });
    expect(avg(2, [noRequests('a'), noRequests('b')], { a: 250, b: 250 })).toEqual({ replicas: 5, averageValue: 250 });
  });

  it('assumes a missing pod is at the target on a scale down', () => {
    expect(avg(3, [pod('a'), pod('b'), pod('c')], { a: 10, b: 10 }).replicas).toBe(2);
  });

  it('does not judge memory by readiness', () => {
    expect(avg(2, [pod('a'), unready('b')], { a: 200, b: 200 }, 'memory').replicas).toBe(4);
  });
});
