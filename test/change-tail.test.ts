// The change feed (GET /apis/kubeflare.dev/v1/changes) serves the revisions the API isolate committed
// itself from memory (workers/api/src/store/change-tail) and the rest from D1. Whatever mix of
// writers, it must answer exactly what D1 holds: here "another isolate" writes straight into D1 through
// its own store handle, in between the API's writes, and every feed read is compared with D1's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getObject, readChanges, updateObject } from '../workers/api/src/store';
import { type TestStack, startTestStack } from './harness';
import { otherIsolateStore } from './support/other-isolate';

const NS = 'tail';
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({}, { components: false });
  expect((await stack.client.post('/api/v1/namespaces', { metadata: { name: NS } })).status).toBe(201);
});
afterAll(async () => {
  await stack?.close();
});

type Item = { type: string; resource: string; revision: number; object: { metadata: { name: string; resourceVersion: string }; data?: Record<string, string> } };
const elsewhere = () => otherIsolateStore(stack);

async function feed(resources: string, after: number, limit = 500, atLeast?: number): Promise<{ items: Item[]; rv: number; more: boolean }> {
  const r = await stack.client.get(`/apis/kubeflare.dev/v1/changes?resource=${resources}&after=${after}&limit=${limit}${atLeast !== undefined ? `&atLeast=${atLeast}` : ''}`);
  expect(r.status, r.text).toBe(200);
  return { items: r.json.items, rv: Number(r.json.metadata.resourceVersion), more: r.json.metadata.more };
}

/** What D1 holds for `resource` after `after`, as the feed would show it. */
async function inD1(resource: string, after: number) {
  const rows = await readChanges(await elsewhere(), { resource, after, limit: 1000 });
  return rows.map((r) => ({ type: r.type, revision: r.revision, name: r.name }));
}

/** The current revision: the feed of a resource that has no changes ends there. */
const current = async () => (await feed('nothing-here', 0)).rv;

describe('the change feed with the API isolate’s change tail', () => {
  it('answers what D1 holds when another isolate wrote in between, for one resource and several', async () => {
    const start = await current();
    const cm = (name: string, v: string) => stack.client.post(`/api/v1/namespaces/${NS}/configmaps`, { metadata: { name }, data: { v } });
    expect((await cm('a', '1')).status).toBe(201);
    expect((await cm('b', '1')).status).toBe(201);
    // Another isolate updates b (a revision the API isolate never saw committed).
    const db = await elsewhere();
    const key = { resource: 'configmaps', namespace: NS, name: 'b' };
    const b = JSON.parse((await getObject(db, key))!.json);
    const other = await updateObject(db, key, Number(b.metadata.resourceVersion), { ...b, data: { v: 'elsewhere' } }, { labels: {}, fields: {}, nodeName: null });
    expect(other.ok).toBe(true);
    expect((await stack.client.patch(`/api/v1/namespaces/${NS}/configmaps/a`, { data: { v: '2' } })).status).toBe(200);
    expect((await stack.client.delete(`/api/v1/namespaces/${NS}/configmaps/a`)).status).toBe(200);
    expect((await stack.client.post(`/api/v1/namespaces/${NS}/secrets`, { metadata: { name: 's' }, stringData: { k: 'v' } })).status).toBe(201);

    const got = await feed('configmaps', start);
    expect(got.items.map((i) => ({ type: i.type, revision: i.revision, name: i.object.metadata.name }))).toEqual(await inD1('configmaps', start));
    expect(got.items.map((i) => i.type)).toEqual(['ADDED', 'ADDED', 'MODIFIED', 'MODIFIED', 'DELETED']);
    expect(got.items[2].object.data).toEqual({ v: 'elsewhere' });
    for (const i of got.items) expect(i.object.metadata.resourceVersion).toBe(String(i.revision));
    // Every cursor position gives the same suffix (some start inside the tail's run, some at the gap).
    for (const [k, i] of got.items.entries()) {
      const from = await feed('configmaps', i.revision);
      expect(from.items.map((x) => x.revision)).toEqual(got.items.slice(k + 1).map((x) => x.revision));
    }
    // Several resources at once, in revision order, Secrets decrypted from D1.
    const both = await feed('configmaps,secrets', start);
    expect(both.items.map((i) => i.revision)).toEqual([...got.items.map((i) => i.revision), both.items.at(-1)!.revision]);
    expect(both.items.at(-1)).toMatchObject({ resource: 'secrets', type: 'ADDED' });
    expect((both.items.at(-1)!.object.data as Record<string, string>).k).toBe(btoa('v'));
  });

  it('with atLeast, answers from the run the isolate holds when it reaches that revision, else from D1', async () => {
    const start = await current();
    const names = ['least-1', 'least-2'];
    for (const name of names) expect((await stack.client.post(`/api/v1/namespaces/${NS}/configmaps`, { metadata: { name } })).status).toBe(201);
    const own = await current();
    // Another isolate commits the next revision: D1 has it, this isolate's tail does not.
    const db = await elsewhere();
    const key = { resource: 'configmaps', namespace: NS, name: 'least-1' };
    const row = JSON.parse((await getObject(db, key))!.json);
    expect((await updateObject(db, key, Number(row.metadata.resourceVersion), { ...row, data: { v: 'elsewhere' } }, { labels: {}, fields: {}, nodeName: null })).ok).toBe(true);

    // Poked for `own`: the isolate's run covers it, so that run is the answer (no round trip), ending at `own`.
    const fromMemory = await feed('configmaps', start, 500, own);
    expect(fromMemory.items.map((i) => i.object.metadata.name)).toEqual(names);
    expect(fromMemory.rv).toBe(own);
    // Poked for the other isolate's revision: the run ends before it, so D1 answers, with that change.
    const fromD1 = await feed('configmaps', start, 500, own + 1);
    expect(fromD1.items.map((i) => ({ revision: i.revision, name: i.object.metadata.name }))).toEqual((await inD1('configmaps', start)).map((r) => ({ revision: r.revision, name: r.name })));
    expect(fromD1.items.at(-1)!.object.data).toEqual({ v: 'elsewhere' });
    expect(fromD1.rv).toBeGreaterThan(own);
    // Resuming from the memory answer's cursor loses nothing.
    expect((await feed('configmaps', fromMemory.rv)).items.map((i) => i.revision)).toEqual([own + 1]);
    for (const bad of ['', '-1', '1.5', 'x']) {
      const r = await stack.client.get(`/apis/kubeflare.dev/v1/changes?resource=configmaps&after=${start}&atLeast=${bad}`);
      expect(r.status, bad).toBe(400);
    }
  });

  it('pages by limit across the tail and D1 alike', async () => {
    const start = await current();
    for (let i = 0; i < 5; i++) expect((await stack.client.post(`/api/v1/namespaces/${NS}/configmaps`, { metadata: { name: `page-${i}` } })).status).toBe(201);
    const seen: number[] = [];
    let after = start;
    for (let guard = 0; guard < 10; guard++) {
      const page = await feed('configmaps', after, 2);
      seen.push(...page.items.map((i) => i.revision));
      after = page.rv;
      if (!page.more) break;
    }
    expect(seen).toEqual((await inD1('configmaps', start)).map((r) => r.revision));
    expect(seen).toHaveLength(5);
  });
});
