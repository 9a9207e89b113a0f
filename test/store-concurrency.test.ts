// 50 clients update one object at once through the API: compare-and-swap on resourceVersion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, startTestStack } from './harness';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

describe('concurrent updates of one object', () => {
  it('gives every success its own revision, the rest 409, and logs exactly the successes', async () => {
    const c = stack.client;
    const path = '/api/v1/namespaces/default/configmaps';
    const created = await c.post(path, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'contended' }, data: { writer: 'none' } });
    expect(created.status).toBe(201);

    const successes: { rv: number; writer: string }[] = [];
    const conflicts: unknown[] = [];
    const others: unknown[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async (_, client) => {
        for (let round = 0; round < 4; round++) {
          const cur = await c.get(`${path}/contended`);
          const writer = `${client}-${round}`;
          const body = { ...cur.json, data: { writer } };
          const res = await c.put(`${path}/contended`, body);
          if (res.status === 200) successes.push({ rv: Number(res.json.metadata.resourceVersion), writer });
          else if (res.status === 409 && res.json.reason === 'Conflict') conflicts.push(res.json);
          else others.push({ status: res.status, body: res.json });
        }
      }),
    );
    expect(others).toEqual([]);
    expect(successes.length + conflicts.length).toBe(200);
    expect(successes.length).toBeGreaterThan(1);
    const rvs = successes.map((s) => s.rv);
    expect(new Set(rvs).size).toBe(rvs.length);

    const last = successes.reduce((a, b) => (b.rv > a.rv ? b : a));
    const final = await c.get(`${path}/contended`);
    expect(final.json.data.writer).toBe(last.writer);
    expect(Number(final.json.metadata.resourceVersion)).toBe(last.rv);

    const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
    const log = await db
      .prepare(`SELECT revision, json_extract(object, '$.data.writer') AS writer FROM changes WHERE resource = 'configmaps' AND name = 'contended' AND type = 'MODIFIED' ORDER BY revision`)
      .all<{ revision: number; writer: string }>();
    const logged = log.results.map((r) => ({ rv: r.revision, writer: r.writer }));
    expect(logged).toEqual([...successes].sort((a, b) => a.rv - b.rv));
  });

  it('rejects a stale resourceVersion with 409 Conflict worded as upstream', async () => {
    const c = stack.client;
    const path = '/api/v1/namespaces/default/configmaps';
    const cm = (await c.post(path, { metadata: { name: 'stale' }, data: { a: '1' } })).json;
    expect((await c.put(`${path}/stale`, { ...cm, data: { a: '2' } })).status).toBe(200);
    const res = await c.put(`${path}/stale`, { ...cm, data: { a: '3' } });
    expect(res.status).toBe(409);
    expect(res.json.message).toBe(
      'Operation cannot be fulfilled on configmaps "stale": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('does not create a revision for a no-op write', async () => {
    const c = stack.client;
    const path = '/api/v1/namespaces/default/configmaps';
    const cm = (await c.post(path, { metadata: { name: 'noop' }, data: { a: '1' } })).json;
    const again = await c.put(`${path}/noop`, cm);
    expect(again.status).toBe(200);
    expect(again.json.metadata.resourceVersion).toBe(cm.metadata.resourceVersion);
    const patched = await c.patch(`${path}/noop`, { data: { a: '1' } });
    expect(patched.json.metadata.resourceVersion).toBe(cm.metadata.resourceVersion);
  });
});

describe('concurrent patches', () => {
  it('retries patches that do not pin a resourceVersion instead of answering 409', async () => {
    const c = stack.client;
    const path = '/api/v1/namespaces/default/configmaps';
    await c.post(path, { metadata: { name: 'patched-often' }, data: {} });
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => c.patch(`${path}/patched-often`, { data: { [`k${i}`]: String(i) } })));
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(200));
    const final = (await c.get(`${path}/patched-often`)).json;
    expect(Object.keys(final.data)).toHaveLength(30);
    const stale = await c.patch(`${path}/patched-often`, { metadata: { resourceVersion: '1' }, data: { x: 'y' } });
    expect(stale.status).toBe(409);
  });
});
