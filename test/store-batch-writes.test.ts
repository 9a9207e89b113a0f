// createObjects and updateObjects (store/create.ts, store/update.ts; behind batch events and batch
// bindings) on the local stack's D1: rows go in json_each chunks (store/json-batch.ts), large objects row
// by row, and each write still gets its own outcome and its own revision, in order, in one D1 batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createObjects, dbOf, deleteObject, updateObjects, type Db } from '../workers/api/src/store';
import { CHUNK_BYTES, MAX_CHUNKED_BODY } from '../workers/api/src/store/json-batch';
import { type TestStack, startTestStack } from './harness';

const NS = 'batch-writes';
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

const key = (name: string) => ({ resource: 'configmaps', namespace: NS, name });
const configMap = (name: string, data: string, uid = `uid-${name}`) => ({
  key: key(name),
  obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS, uid, labels: { v: '1' } }, data: { d: data } },
  cols: { labels: { v: '1' }, fields: { 'metadata.name': name }, nodeName: null },
});

async function objectRow(name: string) {
  return d1.prepare('SELECT uid, rv, body, labels, node_name FROM objects WHERE resource = ? AND namespace = ? AND name = ?').bind('configmaps', NS, name).first<{ uid: string; rv: number; body: string; labels: string; node_name: string | null }>();
}
async function changeRow(rv: number) {
  return d1.prepare('SELECT resource, namespace, name, type, object, prev_labels FROM changes WHERE revision = ?').bind(rv).first<{ name: string; type: string; object: string; prev_labels: string | null }>();
}

describe('createObjects', () => {
  it('creates hundreds of objects over several chunks and a large one row by row, each with its own revision, in order', async () => {
    // ~3 KB each: 400 of them fill more than two chunks.
    const writes = Array.from({ length: 400 }, (_, i) => configMap(`cm-${i}`, 'x'.repeat(3000)));
    writes.splice(150, 0, configMap('large', 'y'.repeat(MAX_CHUNKED_BODY + 1)));
    expect(writes.reduce((n, w) => n + JSON.stringify(w.obj).length, 0)).toBeGreaterThan(2 * CHUNK_BYTES);
    const before = batches;
    const out = await createObjects(db, writes);
    expect(batches - before).toBe(1);
    expect(out.every((o) => o.ok)).toBe(true);
    const revs = out.map((o) => (o.ok ? o.rv : 0));
    for (let i = 1; i < revs.length; i++) expect(revs[i]).toBe(revs[i - 1] + 1);
    for (const [i, w] of writes.entries()) {
      if (i % 37 !== 0 && w.key.name !== 'large') continue;
      const row = await objectRow(w.key.name);
      expect(row).toMatchObject({ uid: `uid-${w.key.name}`, rv: revs[i], labels: '{"v":"1"}', node_name: null });
      expect(JSON.parse(row!.body).data.d).toBe(w.obj.data.d);
      expect(await changeRow(revs[i])).toMatchObject({ name: w.key.name, type: 'ADDED' });
    }
  });

  it('fails only the creates whose name is taken, or given twice in the batch', async () => {
    const out = await createObjects(db, [configMap('fresh-1', 'a'), configMap('cm-3', 'taken'), configMap('fresh-2', 'b'), configMap('fresh-1', 'again', 'uid-other')]);
    expect(out.map((o) => (o.ok ? 'ok' : o.reason))).toEqual(['ok', 'exists', 'ok', 'exists']);
    expect(out[2].ok && out[0].ok && out[2].rv).toBe(out[0].ok ? out[0].rv + 1 : -1);
    expect(JSON.parse((await objectRow('fresh-1'))!.body).data.d).toBe('a');
    expect(JSON.parse((await objectRow('cm-3'))!.body).data.d).toBe('x'.repeat(3000));
  });

  it('creates again a name whose earlier object was deleted (its old change rows stay in the log)', async () => {
    const [first] = await createObjects(db, [configMap('reborn', 'one', 'uid-1')]);
    expect(first.ok).toBe(true);
    expect((await deleteObject(db, key('reborn'), first.ok ? first.rv : 0)).ok).toBe(true);
    const [second] = await createObjects(db, [configMap('reborn', 'two', 'uid-2'), configMap('reborn-neighbour', 'n')]);
    expect(second.ok).toBe(true);
    expect(await objectRow('reborn')).toMatchObject({ uid: 'uid-2', rv: second.ok ? second.rv : 0 });
  });
});

describe('updateObjects', () => {
  it('writes each compare-and-swap that holds, in order, and fails the others alone', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `cm-${i}`);
    const current = await Promise.all(names.map(async (n) => (await objectRow(n))!.rv));
    const writes = names.map((name, i) => ({
      key: key(name),
      // Every 50th is stale: someone else wrote it since.
      expectedRv: i % 50 === 7 ? current[i] - 1 : current[i],
      obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS, uid: `uid-${name}`, labels: { v: '2' } }, data: { d: `updated ${i}` } },
      cols: { labels: { v: '2' }, fields: { 'metadata.name': name }, nodeName: `node-${i}` },
    }));
    writes.splice(100, 0, { ...writes[5] }); // the same key twice: the second is a conflict
    writes.splice(200, 0, { key: key('absent'), expectedRv: 1, obj: writes[0].obj, cols: writes[0].cols });
    const large = await objectRow('large');
    writes.splice(250, 0, { key: key('large'), expectedRv: large!.rv, obj: { ...writes[0].obj, metadata: { ...writes[0].obj.metadata, name: 'large' }, data: { d: 'z'.repeat(MAX_CHUNKED_BODY + 1) } }, cols: writes[0].cols });
    const before = batches;
    const out = await updateObjects(db, writes);
    expect(batches - before).toBe(1);
    const expectOk = writes.map((w, i) => !(i === 100 || w.key.name === 'absent' || (w.key.name.startsWith('cm-') && Number(w.key.name.slice(3)) % 50 === 7)));
    expect(out.map((o) => o.ok)).toEqual(expectOk);
    const revs = out.filter((o) => o.ok).map((o) => (o.ok ? o.rv : 0));
    for (let i = 1; i < revs.length; i++) expect(revs[i]).toBe(revs[i - 1] + 1);
    for (const [i, w] of writes.entries()) {
      if (w.key.name === 'absent' || (i % 23 !== 0 && !w.key.name.endsWith('-7') && w.key.name !== 'large')) continue;
      const row = await objectRow(w.key.name);
      const o = out[i];
      if (o.ok) {
        expect(row).toMatchObject({ rv: o.rv, labels: '{"v":"2"}', node_name: w.cols.nodeName });
        expect(JSON.parse(row!.body).data.d).toBe(w.obj.data.d);
        expect(await changeRow(o.rv)).toMatchObject({ name: w.key.name, type: 'MODIFIED', prev_labels: '{"v":"1"}' });
      } else {
        expect(row!.rv).toBe(current[Number(w.key.name.slice(3))]);
        expect(JSON.parse(row!.body).data.d).toBe('x'.repeat(3000));
      }
    }
  });
});
