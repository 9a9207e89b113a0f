// GET /apis/kubeflare.dev/v1/changes: the change log as the scheduler and the controllers follow it (one
// D1 round trip per page). A page is every change of one resource after the cursor, in revision order;
// its resourceVersion is where the next read starts, and past the end of the log it is the current
// revision (writes to other resources move it too); a cursor compacted away is 410 Gone.
import { drizzle } from 'drizzle-orm/d1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerToken } from '../local/tokens';
import { compact } from '../workers/api/src/store';
import { ApiClient, type TestStack, startTestStack } from './harness';

interface Page {
  metadata: { resourceVersion: string; more: boolean };
  items: { type: string; revision: number; object: { metadata: { name: string; resourceVersion: string }; data?: Record<string, string> } }[];
}

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({}, { components: false });
  expect((await stack.client.post('/api/v1/namespaces', { metadata: { name: 'feed' } })).status).toBe(201);
});
afterAll(async () => {
  await stack?.close();
});

const changes = (q: string) => stack.client.get(`/apis/kubeflare.dev/v1/changes?${q}`);
const page = async (q: string): Promise<Page> => {
  const res = await changes(q);
  expect(res.status).toBe(200);
  return res.json as Page;
};
const rvOf = (res: { json: { metadata: { resourceVersion: string } } }) => Number(res.json.metadata.resourceVersion);

describe('the changes feed', () => {
  it('returns one resource’s changes after the cursor in order, then the current revision as the next cursor', async () => {
    const c = stack.client;
    const start = rvOf(await c.get('/api/v1/namespaces/feed/configmaps'));
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await c.post('/api/v1/namespaces/feed/configmaps', { metadata: { name: `cm-${i}` }, data: { v: String(i) } }));
    const one = made[1].json;
    expect((await c.put(`/api/v1/namespaces/feed/configmaps/cm-1`, { ...one, data: { v: 'changed' } })).status).toBe(200);
    expect((await c.delete('/api/v1/namespaces/feed/configmaps/cm-2')).status).toBe(200);
    // A write to another resource afterwards: the cursor moves past it, the page does not show it.
    const other = await c.post('/api/v1/namespaces/feed/secrets', { metadata: { name: 's' }, stringData: { k: 'secret-value' } });
    expect(other.status).toBe(201);

    const p = await page(`resource=configmaps&after=${start}&limit=100`);
    const mine = p.items.filter((i) => i.object.metadata.name.startsWith('cm-'));
    expect(mine.map((i) => `${i.type} ${i.object.metadata.name}`)).toEqual(['ADDED cm-0', 'ADDED cm-1', 'ADDED cm-2', 'MODIFIED cm-1', 'DELETED cm-2']);
    expect(mine[3].object.data).toEqual({ v: 'changed' });
    for (const i of p.items) expect(i.object.metadata.resourceVersion).toBe(String(i.revision));
    const revisions = p.items.map((i) => i.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(p.metadata.more).toBe(false);
    expect(Number(p.metadata.resourceVersion)).toBeGreaterThanOrEqual(rvOf(other));

    // Nothing after the cursor: an empty page that keeps it.
    const empty = await page(`resource=configmaps&after=${p.metadata.resourceVersion}&limit=100`);
    expect(empty.items).toEqual([]);
    expect(Number(empty.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(p.metadata.resourceVersion));

    // Secrets come back as stored objects, decrypted.
    const secrets = await page(`resource=secrets&after=${start}&limit=100`);
    const s = secrets.items.find((i) => i.object.metadata.name === 's');
    expect(s?.object.data).toEqual({ k: Buffer.from('secret-value').toString('base64') });
  });

  it('pages with limit: a full page says more and ends at its last revision', async () => {
    const c = stack.client;
    const start = rvOf(await c.get('/api/v1/namespaces/feed/configmaps'));
    for (let i = 0; i < 5; i++) expect((await c.post('/api/v1/namespaces/feed/configmaps', { metadata: { name: `pg-${i}` } })).status).toBe(201);
    const seen: string[] = [];
    let cursor = String(start);
    for (let round = 0; round < 10; round++) {
      const p = await page(`resource=configmaps&after=${cursor}&limit=2`);
      seen.push(...p.items.map((i) => i.object.metadata.name));
      if (p.metadata.more) {
        expect(p.items).toHaveLength(2);
        expect(p.metadata.resourceVersion).toBe(String(p.items[1].revision));
      }
      cursor = p.metadata.resourceVersion;
      if (!p.metadata.more) break;
    }
    expect(seen).toEqual(['pg-0', 'pg-1', 'pg-2', 'pg-3', 'pg-4']);
  });

  it('reads several resources at once, in revision order from one snapshot, each item naming its resource', async () => {
    const c = stack.client;
    const start = rvOf(await c.get('/api/v1/namespaces/feed/configmaps'));
    expect((await c.post('/api/v1/namespaces/feed/configmaps', { metadata: { name: 'mix-1' } })).status).toBe(201);
    expect((await c.post('/api/v1/namespaces/feed/serviceaccounts', { metadata: { name: 'mix-2' } })).status).toBe(201);
    expect((await c.post('/api/v1/namespaces/feed/configmaps', { metadata: { name: 'mix-3' } })).status).toBe(201);
    expect((await c.post('/api/v1/namespaces/feed/secrets', { metadata: { name: 'mix-4' } })).status).toBe(201);
    const p = await page(`resource=configmaps,serviceaccounts&after=${start}&limit=100`);
    const mix = p.items.filter((i) => i.object.metadata.name.startsWith('mix-'));
    expect(mix.map((i) => `${(i as { resource?: string }).resource} ${i.object.metadata.name}`)).toEqual(['configmaps mix-1', 'serviceaccounts mix-2', 'configmaps mix-3']);
    const revisions = p.items.map((i) => i.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    const alone = await page(`resource=configmaps&after=${start}&limit=100`);
    expect(alone.items.map((i) => i.object.metadata.name)).toEqual(['mix-1', 'mix-3']);
    // Paging across both: a full page ends at its last item, whichever resource it belongs to.
    const first = await page(`resource=configmaps,serviceaccounts&after=${start}&limit=2`);
    expect(first.metadata.more).toBe(true);
    expect(first.metadata.resourceVersion).toBe(String(first.items[1].revision));
    const rest = await page(`resource=configmaps,serviceaccounts&after=${first.metadata.resourceVersion}&limit=100`);
    expect([...first.items, ...rest.items].map((i) => i.object.metadata.name).filter((n) => n.startsWith('mix-'))).toEqual(['mix-1', 'mix-2', 'mix-3']);
  });

  it('answers a cursor older than the compacted log with 410 Gone', async () => {
    const c = stack.client;
    const start = rvOf(await c.get('/api/v1/namespaces/feed/configmaps'));
    for (let i = 0; i < 3; i++) expect((await c.post('/api/v1/namespaces/feed/configmaps', { metadata: { name: `old-${i}` } })).status).toBe(201);
    const db = drizzle(await stack.mf.getD1Database('DB', 'kubeflare-api'));
    expect(await compact(db as never, { windowMs: 0, minKeep: 1, chunk: 100 }, Date.now() + 1000)).toBeGreaterThan(0);
    const gone = await changes(`resource=configmaps&after=${start}&limit=100`);
    expect(gone.status).toBe(410);
    expect(gone.json).toMatchObject({ kind: 'Status', reason: 'Expired' });
    expect(gone.json.message).toMatch(/^too old resource version: /);
  });

  it('refuses bad parameters and callers that are not control-plane components', async () => {
    const nine = Array.from({ length: 9 }, (_, i) => `r${i}`).join(',');
    for (const q of [`resource=${nine}&after=0`, 'resource=configmaps,&after=0', 'resource=configmaps,Pods&after=0', 'resource=configmaps%3Bdrop&after=0', 'resource=configmaps&after=-1', 'resource=configmaps&after=x', 'resource=configmaps&after=1.5', 'resource=..%2F..&after=0', 'resource=&after=0', 'after=0']) {
      const res = await changes(q);
      expect(res.status, q).toBe(400);
      expect(res.json.kind).toBe('Status');
    }
    const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
    await registerToken(db as never, 'feed-reader-token', 'feed-reader', [], 'test');
    const stranger = new ApiClient(stack.url, 'feed-reader-token', stack.caPem);
    const res = await stranger.get('/apis/kubeflare.dev/v1/changes?resource=secrets&after=0');
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.json)).not.toContain('secret-value');
  });
});

describe('subscriptions', () => {
  it('accept a poke gap (minGapMs) from 0 to 5,000 ms and refuse anything else without subscribing', async () => {
    const sub = (extra: Record<string, unknown>) => stack.client.post('/apis/kubeflare.dev/v1/subscriptions', { resource: 'configmaps', binding: 'CONTROLLERS', name: 'feed-test', ...extra });
    for (const minGapMs of [-1, 1.5, 5_001, '100', true]) {
      const res = await sub({ minGapMs });
      expect(res.status, String(minGapMs)).toBe(400);
      expect(res.json).toMatchObject({ kind: 'Status', message: 'minGapMs must be an integer from 0 to 5000' });
    }
    expect((await sub({})).status).toBe(201);
    expect((await sub({ minGapMs: 250 })).status).toBe(201);
  });
});
