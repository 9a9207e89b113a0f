// getObjects (store/get.ts), the batch read behind batch bindings, on the local stack's D1: objects in the
// order asked, null for missing ones, and only the asked-for rows read (D1's rows_read), however many
// objects the resource has.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dbOf, getObjects } from '../workers/api/src/store';
import { type TestStack, startTestStack } from './harness';

const PER_NAMESPACE = 150;
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({}, { components: false });
  for (const ns of ['many-a', 'many-b']) {
    expect((await stack.client.post('/api/v1/namespaces', { metadata: { name: ns } })).status).toBe(201);
    for (let i = 0; i < PER_NAMESPACE; i++) expect((await stack.client.post(`/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: `cm-${i}` }, data: { i: String(i) } })).status).toBe(201);
  }
});
afterAll(async () => {
  await stack?.close();
});

it('reads many objects by key, in order, with null for missing ones, reading only their rows', async () => {
  const d1 = (await stack.mf.getD1Database('DB', 'kubeflare-api')) as unknown as D1Database;
  let rowsRead = 0;
  const counting = new Proxy(d1, {
    get(target, p) {
      const v = Reflect.get(target, p) as unknown;
      if (p === 'batch')
        return async (stmts: D1PreparedStatement[]) => {
          const results = await target.batch(stmts);
          for (const r of results) rowsRead += r.meta.rows_read;
          return results;
        };
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  const db = dbOf({ DB: counting as never, CHANGE_TAIL_MAX_BYTES: '0', WRITTEN_ROWS_MAX_BYTES: '0' });
  // 120 keys over both namespaces (more than one statement's worth in many-a), and two that do not exist.
  const keys = Array.from({ length: 120 }, (_, k) => ({ namespace: k % 4 === 0 ? 'many-b' : 'many-a', name: `cm-${(k * 7) % PER_NAMESPACE}` }));
  keys.splice(5, 0, { namespace: 'many-a', name: 'absent' }, { namespace: 'nowhere', name: 'cm-1' });
  const rows = await getObjects(db, 'configmaps', keys);
  expect(rows.map((r) => (r ? `${r.namespace}/${r.name}` : null))).toEqual(keys.map((k) => (k.name === 'absent' || k.namespace === 'nowhere' ? null : `${k.namespace}/${k.name}`)));
  expect(JSON.parse(rows[0]!.json)).toMatchObject({ metadata: { name: keys[0].name, resourceVersion: String(rows[0]!.rv) }, data: { i: String((0 * 7) % PER_NAMESPACE) } });
  // A primary-key seek per key (D1 counts the index entry and the row: ~2 per key), not a scan of the
  // resource's 300 objects per statement (over 900 in all).
  expect(rowsRead).toBeLessThanOrEqual(3 * keys.length);
});
