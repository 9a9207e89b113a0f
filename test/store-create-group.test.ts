// Group commit of single creates (store/create-group.ts): concurrent creates share D1 batches, and each
// still gets its own outcome: its own revision, 'exists' for a taken name, its own guard's failure. First
// on the store alone (the local stack's D1, driven from here), then through the API in workerd, where
// requests run in contexts of their own and clients may go away.
import { connect } from 'node:tls';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbOf, type Db } from '../workers/api/src/store';
import { CreateGroup } from '../workers/api/src/store/create-group';
import { isGuardFailure, writeGuard } from '../workers/api/src/store/write-guard';
import { type TestStack, startTestStack } from './harness';

const NS = 'create-group';
let stack: TestStack;
let d1: D1Database;
let db: Db;
let batches = 0;

beforeAll(async () => {
  stack = await startTestStack({}, { components: false });
  expect((await stack.client.post('/api/v1/namespaces', { metadata: { name: NS } })).status).toBe(201);
  d1 = (await stack.mf.getD1Database('DB', 'kubeflare-api')) as unknown as D1Database;
  const counting = new Proxy(d1, {
    get(target, p) {
      const v = Reflect.get(target, p) as unknown;
      if (p === 'batch')
        return (stmts: D1PreparedStatement[]) => {
          batches++;
          return target.batch(stmts);
        };
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  db = dbOf({ DB: counting as never, CHANGE_TAIL_MAX_BYTES: '0', WRITTEN_ROWS_MAX_BYTES: '0' });
});
afterAll(async () => {
  await stack?.close();
});

const configMap = (name: string) => ({
  key: { resource: 'configmaps', namespace: NS, name },
  obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS, uid: `uid-${name}` }, data: { d: name } },
  cols: { labels: {}, fields: { 'metadata.name': name }, nodeName: null },
});

async function objectRow(name: string) {
  return d1.prepare('SELECT uid, rv FROM objects WHERE resource = ? AND namespace = ? AND name = ?').bind('configmaps', NS, name).first<{ uid: string; rv: number }>();
}

describe('CreateGroup on the store', () => {
  const kept: Promise<unknown>[] = [];
  const waitUntil = (p: Promise<unknown>) => kept.push(p);

  it('commits concurrent creates in shared batches, each with its own revision', async () => {
    const group = new CreateGroup(db);
    const before = batches;
    const out = await Promise.all(Array.from({ length: 30 }, (_, i) => group.create(configMap(`g-${i}`), [], waitUntil)));
    expect(out.every((o) => o.ok)).toBe(true);
    const revs = out.map((o) => (o.ok ? o.rv : 0));
    expect(new Set(revs).size).toBe(30);
    // The first went alone; the rest waited for it and went together.
    expect(batches - before).toBeLessThan(30);
    expect(group.stats.groups).toBeGreaterThan(0);
    expect(group.stats.grouped).toBeGreaterThan(1);
    for (const [i, rv] of revs.entries()) expect(await objectRow(`g-${i}`)).toEqual({ uid: `uid-g-${i}`, rv });
    await Promise.all(kept);
  });

  it('answers a name created several times at once with one success', async () => {
    const group = new CreateGroup(db);
    const names = ['dup', 'dup', 'other-1', 'dup', 'other-2', 'dup'];
    const out = await Promise.all(names.map((n) => group.create(configMap(n), [], waitUntil)));
    expect(out.filter((o, i) => names[i] === 'dup' && o.ok)).toHaveLength(1);
    expect(out.filter((o, i) => names[i] === 'dup' && !o.ok).map((o) => !o.ok && o.reason)).toEqual(['exists', 'exists', 'exists']);
    expect(out.filter((o, i) => names[i] !== 'dup').every((o) => o.ok)).toBe(true);
    // A name already stored is 'exists' too, grouped or alone.
    const again = await Promise.all(['dup', 'other-1', 'fresh'].map((n) => group.create(configMap(n), [], waitUntil)));
    expect(again.map((o) => o.ok)).toEqual([false, false, true]);
  });

  it('fails only the create whose guard fires; the rest of its group is committed', async () => {
    const group = new CreateGroup(db);
    const fires = writeGuard('test guard fired', sql`1 = 1`);
    const holds = writeGuard('test guard held', sql`1 = 0`);
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => group.create(configMap(`guarded-${i}`), i === 5 ? [fires] : [holds], waitUntil)));
    expect(results[5].status).toBe('rejected');
    expect(isGuardFailure((results[5] as PromiseRejectedResult).reason, 'test guard fired')).toBe(true);
    expect(await objectRow('guarded-5')).toBeNull();
    for (const [i, r] of results.entries()) {
      if (i === 5) continue;
      expect(r.status === 'fulfilled' && r.value.ok).toBe(true);
      expect(await objectRow(`guarded-${i}`)).not.toBeNull();
    }
  });
});

describe('group commit through the API', () => {
  const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { d: name } });

  it('answers 60 concurrent creates each for itself: 201 with its own resourceVersion, or 409 for a taken name', async () => {
    const names = Array.from({ length: 60 }, (_, i) => (i % 6 === 0 ? `api-dup-${i % 12}` : `api-${i}`));
    const res = await Promise.all(names.map((n) => stack.client.post(`/api/v1/namespaces/${NS}/configmaps`, cm(n))));
    for (const [i, r] of res.entries()) {
      const first = names.indexOf(names[i]) === i;
      expect([201, 409]).toContain(r.status);
      if (!first || r.status === 409) expect(r.json.reason === 'AlreadyExists' || r.status === 201).toBe(true);
    }
    const created = res.filter((r) => r.status === 201);
    expect(created).toHaveLength(new Set(names).size);
    expect(new Set(created.map((r) => r.json.metadata.resourceVersion)).size).toBe(created.length);
    // Each answer is the stored object.
    for (const r of created.slice(0, 10)) {
      const got = await stack.client.get(`/api/v1/namespaces/${NS}/configmaps/${r.json.metadata.name}`);
      expect(got.json.metadata.resourceVersion).toBe(r.json.metadata.resourceVersion);
      expect(got.json.metadata.uid).toBe(r.json.metadata.uid);
    }
    // Some of them went as one chunked batch: that is the only writer of 'batch_base' on this stack.
    expect(await d1.prepare("SELECT value FROM meta WHERE key = 'batch_base'").first()).not.toBeNull();
  });

  it('creates every object when a LimitRange appears among concurrent creates (its guard fails the group; each goes again)', async () => {
    const ns = `${NS}-policy`;
    expect((await stack.client.post('/api/v1/namespaces', { metadata: { name: ns } })).status).toBe(201);
    // The first create finds no LimitRange or ResourceQuota: later ones skip the reads and carry the guard.
    expect((await stack.client.post(`/api/v1/namespaces/${ns}/configmaps`, cm('first'))).status).toBe(201);
    const limitRange = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits' }, spec: { limits: [{ type: 'Container', default: { cpu: '100m' } }] } };
    const res = await Promise.all([
      ...Array.from({ length: 15 }, (_, i) => stack.client.post(`/api/v1/namespaces/${ns}/configmaps`, cm(`a-${i}`))),
      stack.client.post(`/api/v1/namespaces/${ns}/limitranges`, limitRange),
      ...Array.from({ length: 15 }, (_, i) => stack.client.post(`/api/v1/namespaces/${ns}/configmaps`, cm(`b-${i}`))),
    ]);
    expect(res.map((r) => r.status)).toEqual(res.map(() => 201));
    const list = await stack.client.get(`/api/v1/namespaces/${ns}/configmaps`);
    expect(list.json.items).toHaveLength(31);
  });

  it('keeps creating after clients go away while their creates wait for a batch', async () => {
    const url = new URL(stack.url);
    const body = (n: string) => JSON.stringify(cm(n));
    // Half the clients send a create and close the connection at once.
    const abandon = (name: string) =>
      new Promise<void>((resolve) => {
        const s = connect({ host: url.hostname, port: Number(url.port), ca: stack.caPem }, () => {
          const b = body(name);
          s.end(`POST /api/v1/namespaces/${NS}/configmaps HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${stack.token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(b)}\r\n\r\n${b}`);
          s.destroy();
          resolve();
        });
        s.on('error', () => resolve());
      });
    for (let round = 0; round < 3; round++) {
      const kept = Array.from({ length: 20 }, (_, i) => `kept-${round}-${i}`);
      const res = await Promise.all([
        ...kept.map((n) => stack.client.post(`/api/v1/namespaces/${NS}/configmaps`, cm(n))),
        ...Array.from({ length: 20 }, (_, i) => abandon(`gone-${round}-${i}`)),
      ]);
      expect(res.slice(0, 20).map((r) => (r as { status: number }).status)).toEqual(kept.map(() => 201));
    }
    // And the creates after them are answered at once.
    const t = Date.now();
    const after = await Promise.all(Array.from({ length: 20 }, (_, i) => stack.client.post(`/api/v1/namespaces/${NS}/configmaps`, cm(`after-${i}`))));
    expect(after.map((r) => r.status)).toEqual(after.map(() => 201));
    expect(Date.now() - t).toBeLessThan(10_000);
  });
});
