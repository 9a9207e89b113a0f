// Watch correctness (DESIGN.md invariant 3): every change after the start revision, in order, exactly
// once, also across drops and resumes; 410 for compacted revisions; a lost poke caught by the poll.
import { drizzle } from 'drizzle-orm/d1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compact, createObject, dbOf } from '../workers/api/src/store';
import { type TestStack, type WatchEvent, type WatchStream, startTestStack } from './harness';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ WATCH_POLL_MS: '500' });
});
afterAll(async () => {
  await stack?.close();
});

interface Kind {
  resource: string; // store key
  collection: string; // URL of the collection
  body: (name: string, i: number) => Record<string, unknown>;
  mutate: (obj: Record<string, unknown>, i: number) => Record<string, unknown>;
}

const ns = '/api/v1/namespaces/default';
const labels = (i: number) => ({ tier: i % 3 === 0 ? 'gold' : 'silver', n: String(i % 7) });
const kinds: Kind[] = [
  { resource: 'configmaps', collection: `${ns}/configmaps`, body: (name, i) => ({ metadata: { name, labels: labels(i) }, data: { i: String(i) } }), mutate: (o, i) => ({ ...o, metadata: { ...(o.metadata as object), labels: labels(i) }, data: { i: String(i) } }) },
  { resource: 'secrets', collection: `${ns}/secrets`, body: (name, i) => ({ metadata: { name }, stringData: { i: String(i) } }), mutate: (o, i) => ({ ...o, data: { i: btoa(String(i)) } }) },
  { resource: 'serviceaccounts', collection: `${ns}/serviceaccounts`, body: (name) => ({ metadata: { name } }), mutate: (o, i) => ({ ...o, metadata: { ...(o.metadata as object), annotations: { i: String(i) } } }) },
  { resource: 'endpoints', collection: `${ns}/endpoints`, body: (name) => ({ metadata: { name } }), mutate: (o, i) => ({ ...o, metadata: { ...(o.metadata as object), annotations: { i: String(i) } } }) },
  { resource: 'coordination.k8s.io/leases', collection: '/apis/coordination.k8s.io/v1/namespaces/default/leases', body: (name, i) => ({ metadata: { name }, spec: { holderIdentity: `h${i}` } }), mutate: (o, i) => ({ ...o, spec: { holderIdentity: `h${i}` } }) },
  { resource: 'rbac.authorization.k8s.io/roles', collection: '/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles', body: (name) => ({ metadata: { name }, rules: [] }), mutate: (o, i) => ({ ...o, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'], resourceNames: [`p${i}`] }] }) },
  { resource: 'rbac.authorization.k8s.io/clusterroles', collection: '/apis/rbac.authorization.k8s.io/v1/clusterroles', body: (name) => ({ metadata: { name }, rules: [] }), mutate: (o, i) => ({ ...o, rules: [{ nonResourceURLs: [`/x${i}`], verbs: ['get'] }] }) },
  { resource: 'scheduling.k8s.io/priorityclasses', collection: '/apis/scheduling.k8s.io/v1/priorityclasses', body: (name, i) => ({ metadata: { name }, value: i }), mutate: (o, i) => ({ ...o, description: `d${i}` }) },
  { resource: 'networking.k8s.io/ingressclasses', collection: '/apis/networking.k8s.io/v1/ingressclasses', body: (name) => ({ metadata: { name }, spec: { controller: 'example.com/c' } }), mutate: (o, i) => ({ ...o, metadata: { ...(o.metadata as object), annotations: { i: String(i) } } }) },
  { resource: 'storage.k8s.io/storageclasses', collection: '/apis/storage.k8s.io/v1/storageclasses', body: (name) => ({ metadata: { name }, provisioner: 'example.com/p' }), mutate: (o, i) => ({ ...o, metadata: { ...(o.metadata as object), annotations: { i: String(i) } } }) },
];

interface LogRow {
  revision: number;
  type: string;
  name: string;
  labels: string;
  prevLabels: string | null;
}

async function changeLog(resource: string, after: number): Promise<LogRow[]> {
  const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
  const r = await db
    .prepare('SELECT revision, type, name, labels, prev_labels AS prevLabels FROM changes WHERE resource = ? AND revision > ? ORDER BY revision')
    .bind(resource, after)
    .all<LogRow>();
  return r.results;
}

const summary = (e: WatchEvent) => `${e.object.metadata.resourceVersion} ${e.type} ${e.object.metadata.name}`;

/** A watcher that drops its stream at random points and resumes from the last revision it saw. */
class ResumingWatcher {
  events: WatchEvent[] = [];
  private stream: WatchStream;
  private lastRv: string;
  constructor(
    private readonly collection: string,
    startRv: string,
  ) {
    this.lastRv = startRv;
    this.stream = stack.client.watch(this.url());
  }
  private url() {
    return `${this.collection}?watch=true&resourceVersion=${this.lastRv}`;
  }
  private absorb() {
    for (const e of this.stream.events) {
      this.events.push(e);
      this.lastRv = e.object.metadata.resourceVersion;
    }
  }
  drop() {
    this.stream.stop();
    this.absorb();
    this.stream = stack.client.watch(this.url());
  }
  async until(n: number) {
    await this.stream.until((ev) => this.events.length + ev.length >= n, 60_000);
    this.stream.stop();
    this.absorb();
  }
}

describe('watch', () => {
  it('delivers the exact change-log sequence per type, across drops and resumes, with selector transitions', async () => {
    const c = stack.client;
    const start = (await c.get(`${ns}/configmaps`)).json.metadata.resourceVersion as string;
    const full = kinds.map((k) => c.watch(`${k.collection}?watch=true&resourceVersion=${start}`));
    const resuming = kinds.map((k) => new ResumingWatcher(k.collection, start));
    const gold = c.watch(`${ns}/configmaps?watch=true&resourceVersion=${start}&labelSelector=tier%3Dgold`);
    await Promise.all([...full.map((w) => w.opened), gold.opened]);

    const TOTAL = Number(process.env.WATCH_TEST_WRITES ?? 5000);
    let next = 0;
    const names: string[][] = kinds.map(() => []);
    const worker = async () => {
      for (;;) {
        const i = next++;
        if (i >= TOTAL) return;
        const k = i % kinds.length;
        const kind = kinds[k];
        const pool = names[k];
        const roll = (i * 7919) % 10;
        if (pool.length < 5 || roll < 3) {
          const name = `o${i}`;
          const r = await c.post(kind.collection, kind.body(name, i));
          if (r.status !== 201) throw new Error(`create ${kind.resource}: ${r.status} ${r.text}`);
          pool.push(name);
        } else if (roll < 9) {
          const name = pool[i % pool.length];
          const cur = await c.get(`${kind.collection}/${name}`);
          const r = await c.put(`${kind.collection}/${name}`, kind.mutate(cur.json, i));
          if (r.status !== 200 && r.status !== 409) throw new Error(`update ${kind.resource}: ${r.status} ${r.text}`);
        } else {
          const name = pool.splice(i % pool.length, 1)[0];
          const r = await c.delete(`${kind.collection}/${name}`);
          if (r.status !== 200) throw new Error(`delete ${kind.resource}: ${r.status} ${r.text}`);
        }
        if (i % 397 === 0) resuming[k].drop();
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));

    for (const [k, kind] of kinds.entries()) {
      const log = await changeLog(kind.resource, Number(start));
      const expected = log.map((r) => `${r.revision} ${r.type} ${r.name}`);
      const got = await full[k].until((ev) => ev.length >= expected.length);
      expect(got.map(summary), kind.resource).toEqual(expected);
      await resuming[k].until(expected.length);
      expect(resuming[k].events.map(summary), `${kind.resource} (resuming)`).toEqual(expected);
      full[k].stop();
    }

    // The gold watcher: objects entering the selector are ADDED, leaving it DELETED.
    const gl = (s: string | null) => (s ? JSON.parse(s).tier === 'gold' : false);
    const expectedGold: string[] = [];
    for (const r of await changeLog('configmaps', Number(start))) {
      const now = gl(r.labels);
      const before = r.type === 'MODIFIED' ? gl(r.prevLabels) : now;
      let t: string | null = null;
      if (r.type !== 'MODIFIED') t = now ? r.type : null;
      else t = now && before ? 'MODIFIED' : now ? 'ADDED' : before ? 'DELETED' : null;
      if (t) expectedGold.push(`${r.revision} ${t} ${r.name}`);
    }
    expect(expectedGold.length).toBeGreaterThan(3);
    expect((await gold.until((ev) => ev.length >= expectedGold.length)).map(summary)).toEqual(expectedGold);
    gold.stop();
  });

  it('sends initial ADDED events for resourceVersion 0, then live changes', async () => {
    const c = stack.client;
    await c.post(`${ns}/configmaps`, { metadata: { name: 'initial-a', labels: { set: 'init' } } });
    const w = c.watch(`${ns}/configmaps?watch=true&labelSelector=set%3Dinit`);
    await w.until((ev) => ev.length >= 1);
    await c.post(`${ns}/configmaps`, { metadata: { name: 'initial-b', labels: { set: 'init' } } });
    const ev = await w.until((e) => e.length >= 2);
    expect(ev.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED initial-a', 'ADDED initial-b']);
    w.stop();
  });

  it('ends the stream after timeoutSeconds and sends bookmarks when allowed', async () => {
    const w = stack.client.watch(`${ns}/configmaps?watch=true&timeoutSeconds=1&resourceVersion=0&allowWatchBookmarks=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan`);
    await w.untilEnded(10_000);
    const bookmark = w.events.find((e) => e.type === 'BOOKMARK');
    expect(bookmark?.object.metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
    expect(bookmark?.object.kind).toBe('ConfigMap');
  });

  it('answers a watch from a compacted revision with 410 Expired', async () => {
    const c = stack.client;
    const before = (await c.get(`${ns}/configmaps`)).json.metadata.resourceVersion as string;
    for (let i = 0; i < 5; i++) await c.post(`${ns}/configmaps`, { metadata: { name: `compact-${i}` } });
    const db = drizzle(await stack.mf.getD1Database('DB', 'kubeflare-api'));
    const compacted = await compact(db as never, { windowMs: 0, minKeep: 2, chunk: 100 }, Date.now() + 1000);
    expect(compacted).toBeGreaterThan(Number(before));
    const w = c.watch(`${ns}/configmaps?watch=true&resourceVersion=${before}`);
    await w.untilEnded();
    expect(w.events).toHaveLength(1);
    expect(w.events[0].type).toBe('ERROR');
    expect(w.events[0].object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(w.events[0].object.message).toBe(`too old resource version: ${before} (${compacted + 1})`);
  });

  it('recovers a lost poke through the periodic poll', async () => {
    const c = stack.client;
    const w = c.watch(`${ns}/configmaps?watch=true&labelSelector=poke%3Dlost`);
    await w.opened;
    await new Promise((r) => setTimeout(r, 300));
    // Written straight into D1 with the store's own code: no API request, so no poke.
    const db = dbOf({ DB: (await stack.mf.getD1Database('DB', 'kubeflare-api')) as never });
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unpoked', namespace: 'default', uid: crypto.randomUUID(), labels: { poke: 'lost' } } };
    const out = await createObject(db as never, { resource: 'configmaps', namespace: 'default', name: 'unpoked' }, obj, { labels: { poke: 'lost' }, fields: {}, nodeName: null });
    expect(out.ok).toBe(true);
    const ev = await w.until((e) => e.length >= 1, 10_000);
    expect(ev[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'unpoked' } } });
    w.stop();
  });
});
