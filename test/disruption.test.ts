// PodDisruptionBudgets end to end: the disruption controller keeps the budget's status, and the
// eviction subresource spends it (429 once it is used up), as upstream's does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, startTestStack } from './harness';
import { eventually } from './eventually';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

const NS = '/api/v1/namespaces/default';
const PDBS = '/apis/policy/v1/namespaces/default/poddisruptionbudgets';
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

async function makePod(name: string, labels: Record<string, string>, phase = 'Running', ready = true) {
  const created = await stack.client.post(`${NS}/pods`, { metadata: { name, labels }, spec: { containers: [{ name: 'db', image: 'postgres' }] } });
  expect(created.status).toBe(201);
  const r = await stack.client.patch(`${NS}/pods/${name}/status`, {
    status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now() }] },
  });
  expect(r.status).toBe(200);
}

const evict = (name: string) => stack.client.post(`${NS}/pods/${name}/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name } });

describe('pod disruption budgets', () => {
  it('computes the budget status from the covered pods', async () => {
    for (const n of ['db-0', 'db-1', 'db-2']) await makePod(n, { app: 'db' });
    const r = await stack.client.post(PDBS, { metadata: { name: 'db' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'db' } } } });
    expect(r.status).toBe(201);
    const st = await eventually(async () => {
      const s = (await stack.client.get(`${PDBS}/db`)).json.status;
      return s?.disruptionsAllowed === 1 ? s : undefined;
    });
    expect(st).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, observedGeneration: 1 });
    expect(st.conditions[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' });
  });

  it('allows one eviction, then refuses the next with 429 and upstream wording, leaving the pod', async () => {
    const first = await evict('db-0');
    expect(first.status).toBe(201);
    expect((await stack.client.get(`${NS}/pods/db-0`)).status).toBe(404);
    const second = await evict('db-1');
    expect(second.status).toBe(429);
    expect(second.json).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', message: "Cannot evict pod as it would violate the pod's disruption budget." });
    // The count is the status the controller last wrote (it may not have seen the first eviction yet).
    expect(second.json.details.causes[0]).toMatchObject({ reason: 'DisruptionBudget', message: expect.stringMatching(/^The disruption budget db needs 2 healthy pods and has [23] currently$/) });
    expect((await stack.client.get(`${NS}/pods/db-1`)).status).toBe(200);
    const pdb = (await stack.client.get(`${PDBS}/db`)).json;
    expect(pdb.status.disruptionsAllowed).toBe(0);
  });

  it('evicts pods that are not running without spending the budget', async () => {
    await makePod('db-pending', { app: 'db' }, 'Pending', false);
    expect((await evict('db-pending')).status).toBe(201);
    expect((await stack.client.get(`${NS}/pods/db-pending`)).status).toBe(404);
  });

  it('gives a new ready pod back to the budget', async () => {
    await makePod('db-3', { app: 'db' });
    await eventually(async () => ((await stack.client.get(`${PDBS}/db`)).json.status?.disruptionsAllowed === 1 ? true : undefined));
    expect((await evict('db-3')).status).toBe(201);
  });

  it('refuses a pod covered by two budgets with upstream wording', async () => {
    await makePod('shared', { app: 'shared', tier: 'x' });
    for (const [name, sel] of [['by-app', { app: 'shared' }], ['by-tier', { tier: 'x' }]] as const) {
      expect((await stack.client.post(PDBS, { metadata: { name }, spec: { maxUnavailable: 1, selector: { matchLabels: sel } } })).status).toBe(201);
    }
    const r = await evict('shared');
    expect(r.status).toBe(500);
    expect(r.json.message).toBe('Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    expect((await stack.client.get(`${NS}/pods/shared`)).status).toBe(200);
  });

  it('fails safe when maxUnavailable covers pods without a controller', async () => {
    const st = await eventually(async () => {
      const s = (await stack.client.get(`${PDBS}/by-app`)).json.status;
      return s?.conditions?.[0]?.reason === 'SyncFailed' ? s : undefined;
    });
    expect(st.disruptionsAllowed).toBe(0);
  });

  it('rejects an Eviction whose name does not match the URL', async () => {
    const r = await stack.client.post(`${NS}/pods/db-1/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'other' } });
    expect(r.status).toBe(400);
    expect((await stack.client.get(`${NS}/pods/db-1`)).status).toBe(200);
  });
});
