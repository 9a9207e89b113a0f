// Lists served from the API isolate's list cache (workers/api/src/store/list-cache) must be exactly what
// D1 holds at the revision they report: after writes through the API, after writes this isolate never
// saw (straight into D1, as another isolate's would be), across pages, and after the change log it
// catches up from was compacted. Scopes load in pages of LIST_CACHE_LOAD_PAGE=2 rows here, so every load
// of more than two objects is a paged one.
import { drizzle } from 'drizzle-orm/d1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compact, createObject, dbOf, deleteObject, updateObject } from '../workers/api/src/store';
import { type TestStack, startTestStack } from './harness';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ LIST_CACHE_LOAD_PAGE: '2' }, { components: false });
  for (const ns of ['cache-a', 'cache-b']) expect((await stack.client.post('/api/v1/namespaces', { metadata: { name: ns } })).status).toBe(201);
});
afterAll(async () => {
  await stack?.close();
});

const cm = (ns: string) => `/api/v1/namespaces/${ns}/configmaps`;
/** name → data.v of every ConfigMap a list returns, and the list's resourceVersion. */
async function listed(path: string): Promise<{ items: Record<string, string>; rv: number }> {
  const res = await stack.client.get(path);
  expect(res.status).toBe(200);
  const items: Record<string, string> = {};
  for (const i of res.json.items) items[`${i.metadata.namespace}/${i.metadata.name}`] = `${i.data?.v}@${i.metadata.resourceVersion}`;
  return { items, rv: Number(res.json.metadata.resourceVersion) };
}
/** The same straight from D1 (the truth). */
async function stored(namespace?: string): Promise<Record<string, string>> {
  const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
  const rows = await db
    .prepare(`SELECT namespace, name, rv, json_extract(body, '$.data.v') AS v FROM objects WHERE resource = 'configmaps' AND namespace LIKE 'cache-%' ${namespace ? 'AND namespace = ?1' : ''} ORDER BY namespace, name`)
    .bind(...(namespace ? [namespace] : []))
    .all<{ namespace: string; name: string; rv: number; v: string | null }>();
  return Object.fromEntries(rows.results.map((r) => [`${r.namespace}/${r.name}`, `${r.v ?? undefined}@${r.rv}`]));
}
async function createNamespaceElsewhere(name: string): Promise<void> {
  const obj = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, uid: crypto.randomUUID(), creationTimestamp: new Date().toISOString() }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
  const made = await createObject((await storeDb()) as never, { resource: 'namespaces', namespace: '', name }, obj, { labels: {}, fields: {}, nodeName: null });
  expect(made.ok).toBe(true);
}
const onlyCacheNamespaces = (items: Record<string, string>) => Object.fromEntries(Object.entries(items).filter(([k]) => k.startsWith('cache-')));
const storeDb = async () => dbOf({ DB: (await stack.mf.getD1Database('DB', 'kubeflare-api')) as never });

describe('lists from the list cache', () => {
  it('follow creates, updates and deletes made through the API, per namespace and across namespaces', async () => {
    const c = stack.client;
    for (let i = 0; i < 12; i++) expect((await c.post(cm(i % 2 ? 'cache-a' : 'cache-b'), { metadata: { name: `c${i}` }, data: { v: '0' } })).status).toBe(201);
    // Warm both scopes, then change things behind them.
    await listed(cm('cache-a'));
    await listed('/api/v1/configmaps');
    const one = (await c.get(`${cm('cache-a')}/c1`)).json;
    expect((await c.put(`${cm('cache-a')}/c1`, { ...one, data: { v: '1' } })).status).toBe(200);
    expect((await c.delete(`${cm('cache-a')}/c3`)).status).toBe(200);
    expect((await c.post(cm('cache-a'), { metadata: { name: 'late' }, data: { v: 'new' } })).status).toBe(201);

    const a = await listed(cm('cache-a'));
    expect(a.items).toEqual(await stored('cache-a'));
    expect(a.items['cache-a/c1']).toMatch(/^1@/);
    expect(a.items['cache-a/c3']).toBeUndefined();
    expect(a.items['cache-a/late']).toMatch(/^new@/);
    const all = await listed('/api/v1/configmaps');
    expect(onlyCacheNamespaces(all.items)).toEqual(await stored());
    expect(all.rv).toBeGreaterThanOrEqual(a.rv);
  });

  it('sees writes this isolate never made (straight into D1, as another isolate would)', async () => {
    await listed(cm('cache-b'));
    const db = await storeDb();
    const key = { resource: 'configmaps', namespace: 'cache-b', name: 'elsewhere' };
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'elsewhere', namespace: 'cache-b', uid: crypto.randomUUID() }, data: { v: 'x' } };
    const made = await createObject(db as never, key, obj, { labels: {}, fields: {}, nodeName: null });
    expect(made.ok).toBe(true);
    expect((await listed(cm('cache-b'))).items['cache-b/elsewhere']).toBe(`x@${made.ok && made.rv}`);
    const changed = await updateObject(db as never, key, made.ok ? made.rv : 0, { ...obj, data: { v: 'y' } } as typeof obj, { labels: {}, fields: {}, nodeName: null });
    expect(changed.ok).toBe(true);
    expect((await listed(cm('cache-b'))).items['cache-b/elsewhere']).toBe(`y@${changed.ok && changed.rv}`);
    const gone = await deleteObject(db as never, key, changed.ok ? changed.rv : 0);
    expect(gone.ok).toBe(true);
    const after = await listed(cm('cache-b'));
    expect(after.items['cache-b/elsewhere']).toBeUndefined();
    expect(after.items).toEqual(await stored('cache-b'));
    expect(after.rv).toBeGreaterThanOrEqual(gone.ok ? gone.rv : Infinity);
  });

  it('pages with limit and continue in key order, every object once', async () => {
    const c = stack.client;
    const seen: string[] = [];
    const sizes: number[] = [];
    let cont = '';
    for (let page = 0; page < 20; page++) {
      const res = await c.get(`/api/v1/configmaps?limit=5${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
      expect(res.status).toBe(200);
      sizes.push(res.json.items.length);
      seen.push(...res.json.items.map((i: { metadata: { namespace: string; name: string } }) => `${i.metadata.namespace}/${i.metadata.name}`));
      cont = res.json.metadata.continue ?? '';
      if (!cont) break;
    }
    expect(cont).toBe('');
    // Every page full but the last, which holds the rest.
    expect(sizes.slice(0, -1)).toEqual(sizes.slice(0, -1).map(() => 5));
    expect([1, 2, 3, 4, 5]).toContain(sizes.at(-1));
    const everything = Object.keys((await listed('/api/v1/configmaps')).items);
    expect(seen).toEqual(everything);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
  });

  it('loads a scope in pages and serves it at one revision while writers change it', async () => {
    const c = stack.client;
    const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
    for (let round = 0; round < 4; round++) {
      // A fresh namespace: its first list is a cold, paged load (60 objects = 31 D1 reads). It is made
      // straight in D1: one the API isolate created itself would start with warm, empty scopes.
      const ns = `paged-${round}`;
      await createNamespaceElsewhere(ns);
      await Promise.all(Array.from({ length: 60 }, (_, i) => c.post(cm(ns), { metadata: { name: `p${String(i).padStart(2, '0')}` }, data: { v: '0' } })));
      let writing = true;
      let wrote = 0;
      const writers = Array.from({ length: 3 }, async (_, w) => {
        for (let i = w; writing; i += 3) {
          const name = `p${String((i * 7) % 60).padStart(2, '0')}`;
          if (i % 5 === 4) await c.post(cm(ns), { metadata: { name: `late-${i}` }, data: { v: 'late' } });
          else if (i % 5 === 3) await c.delete(`${cm(ns)}/${name}`);
          else await c.patch(`${cm(ns)}/${name}`, { data: { v: String(i) } });
          wrote++;
        }
      });
      while (wrote < 3) await new Promise((r) => setTimeout(r, 1));
      const list = await c.get(cm(ns));
      writing = false;
      await Promise.all(writers);
      expect(list.status).toBe(200);
      const rv = Number(list.json.metadata.resourceVersion);
      const got: Record<string, string> = {};
      for (const i of list.json.items) got[i.metadata.name] = `${i.data?.v}@${i.metadata.resourceVersion}`;
      // What D1 held at that revision, replayed from the change log.
      const changes = await db
        .prepare(`SELECT name, type, revision, json_extract(object, '$.data.v') AS v FROM changes WHERE resource = 'configmaps' AND namespace = ?1 AND revision <= ?2 ORDER BY revision`)
        .bind(ns, rv)
        .all<{ name: string; type: string; revision: number; v: string | null }>();
      const want: Record<string, string> = {};
      for (const ch of changes.results) {
        if (ch.type === 'DELETED') delete want[ch.name];
        else want[ch.name] = `${ch.v}@${ch.revision}`;
      }
      expect(got).toEqual(want);
      expect(Object.keys(got).length).toBeGreaterThan(2);
    }
  });

  it('filters by label and field selectors as D1 would', async () => {
    const c = stack.client;
    for (const [name, tier] of [['sel-1', 'web'], ['sel-2', 'db'], ['sel-3', 'web']]) {
      expect((await c.post(cm('cache-b'), { metadata: { name, labels: { tier } }, data: { v: tier } })).status).toBe(201);
    }
    const web = await c.get(`${cm('cache-b')}?labelSelector=tier%3Dweb`);
    expect(web.json.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['sel-1', 'sel-3']);
    const named = await c.get(`/api/v1/configmaps?fieldSelector=metadata.name%3Dsel-2`);
    expect(named.json.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['sel-2']);
  });

  it('reloads when the changes it needs were compacted away', async () => {
    const c = stack.client;
    await listed(cm('cache-a'));
    for (let i = 0; i < 5; i++) expect((await c.post(cm('cache-a'), { metadata: { name: `after-${i}` }, data: { v: String(i) } })).status).toBe(201);
    const db = drizzle(await stack.mf.getD1Database('DB', 'kubeflare-api'));
    const compacted = await compact(db as never, { windowMs: 0, minKeep: 1, chunk: 100 }, Date.now() + 1000);
    expect(compacted).toBeGreaterThan(0);
    const a = await listed(cm('cache-a'));
    expect(a.items).toEqual(await stored('cache-a'));
    for (let i = 0; i < 5; i++) expect(a.items[`cache-a/after-${i}`]).toMatch(new RegExp(`^${i}@`));
  });

  it('gives every client its own write back at once, under concurrent writers', async () => {
    const c = stack.client;
    const problems: string[] = [];
    await Promise.all(
      Array.from({ length: 12 }, async (_, w) => {
        for (let i = 0; i < 4; i++) {
          const name = `rw-${w}-${i}`;
          const made = await c.post(cm('cache-a'), { metadata: { name }, data: { v: 'rw' } });
          if (made.status !== 201) problems.push(`${name}: ${made.status}`);
          const l = await c.get(cm('cache-a'));
          if (!l.json.items.some((x: { metadata: { name: string } }) => x.metadata.name === name)) problems.push(`${name} missing from a list at ${l.json.metadata.resourceVersion}`);
          if (Number(l.json.metadata.resourceVersion) < Number(made.json.metadata.resourceVersion)) problems.push(`${name}: list older than its write`);
        }
      }),
    );
    expect(problems).toEqual([]);
  });

  it('answers resourceVersion checks against the revision it serves', async () => {
    const c = stack.client;
    const { rv } = await listed(cm('cache-a'));
    expect((await c.get(`${cm('cache-a')}?resourceVersion=${rv}&resourceVersionMatch=NotOlderThan`)).status).toBe(200);
    const tooNew = await c.get(`${cm('cache-a')}?resourceVersion=${rv + 1000}&resourceVersionMatch=NotOlderThan`);
    expect(tooNew.status).toBe(504);
  });

  it('serves the first list of a namespace it created from its own commits, without loading it', async () => {
    const c = stack.client;
    expect((await c.post('/api/v1/namespaces', { metadata: { name: 'born-here' } })).status).toBe(201);
    for (const name of ['x', 'y', 'z']) expect((await c.post(cm('born-here'), { metadata: { name }, data: { v: name } })).status).toBe(201);
    const y = (await c.get(`${cm('born-here')}/y`)).json;
    expect((await c.put(`${cm('born-here')}/y`, { ...y, data: { v: 'y2' } })).status).toBe(200);
    expect((await c.delete(`${cm('born-here')}/z`)).status).toBe(200);
    // Behind the API's back and without a revision, so that only a load from D1 could show it: a list
    // built from the isolate's commits still shows x as written.
    const d1 = await stack.mf.getD1Database('DB', 'kubeflare-api');
    await d1.prepare(`UPDATE objects SET body = json_set(body, '$.data.v', 'tampered') WHERE resource = 'configmaps' AND namespace = 'born-here' AND name = 'x'`).run();
    const first = await listed(cm('born-here'));
    expect(first.items).toEqual({ 'born-here/x': expect.stringMatching(/^x@/), 'born-here/y': expect.stringMatching(/^y2@/) });
  });

  it('loads a namespace it created when D1 holds objects its commits did not make (left from before)', async () => {
    const c = stack.client;
    // An object of the name's earlier life, still in D1 (upstream can leave such objects behind too).
    const key = { resource: 'configmaps', namespace: 'reborn', name: 'left-behind' };
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'left-behind', namespace: 'reborn', uid: crypto.randomUUID() }, data: { v: 'old' } };
    expect((await createObject((await storeDb()) as never, key, obj, { labels: {}, fields: {}, nodeName: null })).ok).toBe(true);
    expect((await c.post('/api/v1/namespaces', { metadata: { name: 'reborn' } })).status).toBe(201);
    expect((await c.post(cm('reborn'), { metadata: { name: 'new' }, data: { v: 'new' } })).status).toBe(201);
    const a = await listed(cm('reborn'));
    expect(a.items).toEqual({ 'reborn/left-behind': expect.stringMatching(/^old@/), 'reborn/new': expect.stringMatching(/^new@/) });
  });
});
