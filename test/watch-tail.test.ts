// The watch channels deliver the changes this API isolate committed from its change tail, without a D1
// read (store/change-tail, watch/channel.ts); a poll, or a revision the tail does not hold, reads D1.
// Whatever the mix of writers, every watcher must get exactly what the change log holds. Here concurrent
// clients create, relabel, bind in batches (many compare-and-swaps in one D1 batch) and delete pods,
// while "another isolate" writes straight into D1 in between, and watchers with a label selector and a
// field selector (selector transitions need the labels and fields before each change) are compared with
// D1's change log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getObject, updateObject } from '../workers/api/src/store';
import { type TestStack, type WatchEvent, startTestStack } from './harness';
import { namespaceWithDefaultAccount, otherIsolateStore } from './support/other-isolate';

const NS = 'wtail';
const PODS = `/api/v1/namespaces/${NS}/pods`;
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({}, { components: false });
  await namespaceWithDefaultAccount(stack, NS);
});
afterAll(async () => {
  await stack?.close();
});

interface LogRow {
  revision: number;
  type: string;
  name: string;
  labels: string;
  fields: string;
  prevLabels: string | null;
  prevFields: string | null;
}

async function changeLog(after: number): Promise<LogRow[]> {
  const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
  const r = await db
    .prepare('SELECT revision, type, name, labels, fields, prev_labels AS prevLabels, prev_fields AS prevFields FROM changes WHERE resource = ? AND namespace = ? AND revision > ? ORDER BY revision')
    .bind('pods', NS, after)
    .all<LogRow>();
  return r.results;
}

/** What a watcher with selector `matches` must see of the log (selector transitions as upstream). */
function expectedFor(log: LogRow[], matches: (labels: Record<string, string>, fields: Record<string, string>) => boolean): string[] {
  const out: string[] = [];
  for (const r of log) {
    const now = matches(JSON.parse(r.labels), JSON.parse(r.fields));
    const before = r.type === 'MODIFIED' && r.prevLabels && r.prevFields ? matches(JSON.parse(r.prevLabels), JSON.parse(r.prevFields)) : now;
    const t = r.type !== 'MODIFIED' ? (now ? r.type : null) : now && before ? 'MODIFIED' : now ? 'ADDED' : before ? 'DELETED' : null;
    if (t) out.push(`${r.revision} ${t} ${r.name}`);
  }
  return out;
}

async function channelStats() {
  const ns = await stack.mf.getDurableObjectNamespace('WATCH', 'kubeflare-api');
  const stub = ns.get(ns.idFromName('pods')) as unknown as { stats(): Promise<{ reads: { tail: number; d1: number } }> };
  return stub.stats();
}

const summary = (e: WatchEvent) => `${e.object.metadata.resourceVersion} ${e.type} ${e.object.metadata.name}`;

describe('watch channels reading the change tail', () => {
  it('deliver exactly the change log, with selector transitions, when other writers leave gaps in the tail', async () => {
    const c = stack.client;
    const start = Number((await c.get(PODS)).json.metadata.resourceVersion);
    const all = c.watch(`${PODS}?watch=true&resourceVersion=${start}`);
    const labelled = c.watch(`${PODS}?watch=true&resourceVersion=${start}&labelSelector=app%3Dx`);
    const onNodeA = c.watch(`${PODS}?watch=true&resourceVersion=${start}&fieldSelector=spec.nodeName%3Dnode-a`);
    await Promise.all([all.opened, labelled.opened, onNodeA.opened]);
    const before = (await channelStats()).reads;

    const elsewhere = await otherIsolateStore(stack);
    const live: string[] = [];
    const unbound: string[] = [];
    const TOTAL = 500;
    let next = 0;
    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= TOTAL) return;
        const roll = (i * 7919) % 20;
        if (live.length < 8 || roll < 6) {
          const name = `p${i}`;
          const r = await c.post(PODS, { metadata: { name, labels: { app: i % 2 ? 'x' : 'y' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
          expect(r.status, r.text).toBe(201);
          live.push(name);
          unbound.push(name);
        } else if (roll < 11) {
          const name = live[i % live.length];
          const r = await c.patch(`${PODS}/${name}`, { metadata: { labels: { app: roll % 2 ? 'x' : 'y' } } });
          expect([200, 404], r.text).toContain(r.status);
        } else if (roll < 15) {
          // Several pods bound in one request: their compare-and-swaps share one D1 batch.
          const names = unbound.splice(0, 1 + (i % 4));
          if (names.length === 0) continue;
          const node = i % 3 ? 'node-a' : 'node-b';
          const items = names.map((name) => ({ apiVersion: 'v1', kind: 'Binding', metadata: { namespace: NS, name }, target: { apiVersion: 'v1', kind: 'Node', name: node } }));
          const r = await c.post('/apis/kubeflare.dev/v1/bindings', { apiVersion: 'kubeflare.dev/v1', kind: 'BindingList', items });
          expect(r.status, r.text).toBe(200);
        } else if (roll < 18) {
          // Another isolate changes a pod: a revision this isolate's tail never holds.
          const name = live[i % live.length];
          const key = { resource: 'pods', namespace: NS, name };
          const row = await getObject(elsewhere, key);
          if (!row) continue;
          const obj = JSON.parse(row.json);
          obj.metadata.labels = { ...obj.metadata.labels, app: obj.metadata.labels?.app === 'x' ? 'y' : 'x' };
          await updateObject(elsewhere, key, row.rv, obj, { labels: obj.metadata.labels, fields: JSON.parse(row.fields), nodeName: obj.spec.nodeName ?? null });
        } else {
          const name = live.splice(i % live.length, 1)[0];
          const u = unbound.indexOf(name);
          if (u >= 0) unbound.splice(u, 1);
          const r = await c.delete(`${PODS}/${name}?gracePeriodSeconds=0`);
          expect(r.status, r.text).toBe(200);
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    // One last API write, so a gap left by the last write elsewhere is passed by a poke, not only by the poll.
    expect((await c.post(PODS, { metadata: { name: 'last' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } })).status).toBe(201);

    const log = await changeLog(start);
    const cases = [
      { stream: all, expected: expectedFor(log, () => true) },
      { stream: labelled, expected: expectedFor(log, (l) => l.app === 'x') },
      { stream: onNodeA, expected: expectedFor(log, (_, f) => f['spec.nodeName'] === 'node-a') },
    ];
    for (const { stream, expected } of cases) {
      expect(expected.length).toBeGreaterThan(20);
      const got = await stream.until((ev) => ev.length >= expected.length);
      expect(got.map(summary)).toEqual(expected);
      stream.stop();
    }
    const expectedTypes = new Set(cases[2].expected.map((e) => e.split(' ')[1]));
    expect(expectedTypes.has('ADDED') && expectedTypes.has('MODIFIED')).toBe(true);
    // Both sources served the pump: the tail for the API's own runs, D1 at the gaps (and polls).
    const reads = (await channelStats()).reads;
    expect(reads.tail - before.tail).toBeGreaterThan(10);
    expect(reads.d1 - before.d1).toBeGreaterThan(0);
  });
});
