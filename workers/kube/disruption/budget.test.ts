import { describe, expect, it } from 'vitest';
import { type Budget, type BudgetPod, budgetStatus, coveredPods, expectedAndDesired, liveDisruptedPods } from './budget';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function pod(name: string, opts: { ready?: boolean; deleting?: boolean; labels?: Record<string, string>; ns?: string } = {}): BudgetPod {
  return {
    metadata: { name, namespace: opts.ns ?? 'default', labels: opts.labels ?? { app: 'db' }, ...(opts.deleting ? { deletionTimestamp: iso(NOW) } : {}) },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
  };
}

function pdb(spec: Budget['spec'], status?: Budget['status']): Budget {
  return { metadata: { name: 'db', namespace: 'default', generation: 2 }, spec: { selector: { matchLabels: { app: 'db' } }, ...spec }, status };
}

describe('coveredPods', () => {
  it('covers pods its selector matches in its own namespace only', () => {
    const pods = [pod('a'), pod('b', { labels: { app: 'web' } }), pod('c', { ns: 'other' })];
    expect(coveredPods(pdb({}), pods).map((p) => p.metadata.name)).toEqual(['a']);
  });
  it('an empty selector covers every pod of the namespace; a missing one covers none', () => {
    const pods = [pod('a'), pod('b', { labels: { app: 'web' } })];
    expect(coveredPods({ ...pdb({}), spec: { selector: {} } }, pods)).toHaveLength(2);
    expect(coveredPods({ ...pdb({}), spec: {} }, pods)).toHaveLength(0);
  });
});

describe('expectedAndDesired', () => {
  const three = [pod('a'), pod('b'), pod('c')];
  it('minAvailable as a number needs that many, out of the covered pods', () => {
    expect(expectedAndDesired(pdb({ minAvailable: 2 }), three, undefined)).toEqual({ expected: 3, desired: 2 });
  });
  it('minAvailable as a percentage of the controllers scale rounds up', () => {
    expect(expectedAndDesired(pdb({ minAvailable: '50%' }), three, 5)).toEqual({ expected: 5, desired: 3 });
  });
  it('maxUnavailable subtracts from the controllers scale', () => {
    expect(expectedAndDesired(pdb({ maxUnavailable: 1 }), three, 4)).toEqual({ expected: 4, desired: 3 });
    expect(expectedAndDesired(pdb({ maxUnavailable: '30%' }), three, 10)).toEqual({ expected: 10, desired: 7 });
  });
  it('fails when a percentage needs a controller scale that cannot be found', () => {
    expect(expectedAndDesired(pdb({ maxUnavailable: 1 }), three, undefined)).toHaveProperty('error');
  });
});

describe('budgetStatus', () => {
  it('allows disruptions down to the desired count and says so', () => {
    const st = budgetStatus(pdb({ minAvailable: 2 }), [pod('a'), pod('b'), pod('c')], undefined, NOW);
    expect(st).toMatchObject({ observedGeneration: 2, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1 });
    expect(st.conditions?.[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' });
  });
  it('does not count unready, deleting or just-evicted pods as healthy', () => {
    const pods = [pod('a'), pod('b', { ready: false }), pod('c', { deleting: true }), pod('d')];
    const st = budgetStatus(pdb({ minAvailable: 1 }, { disruptedPods: { d: iso(NOW - 1000) } }), pods, undefined, NOW);
    expect(st.currentHealthy).toBe(1);
    expect(st.disruptionsAllowed).toBe(0);
    expect(st.conditions?.[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
  });
  it('never allows disruptions while the budget cannot be computed', () => {
    const st = budgetStatus(pdb({ maxUnavailable: 1 }), [pod('a'), pod('b')], undefined, NOW);
    expect(st.disruptionsAllowed).toBe(0);
    expect(st.conditions?.[0]).toMatchObject({ status: 'False', reason: 'SyncFailed' });
  });
});

describe('liveDisruptedPods', () => {
  it('forgets evictions whose pod is gone, deleting, or older than two minutes', () => {
    const pods = [pod('a'), pod('b', { deleting: true }), pod('c')];
    const out = liveDisruptedPods({ a: iso(NOW - 10_000), b: iso(NOW), c: iso(NOW - 3 * 60_000), gone: iso(NOW) }, pods, NOW);
    expect(out).toEqual({ a: iso(NOW - 10_000) });
  });
});
