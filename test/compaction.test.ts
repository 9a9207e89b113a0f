// Change-log compaction (store/compact.ts) on the local stack's D1: changes older than the window and
// outside the newest minKeep go, chunk by chunk, and compaction stops before the first change inside the
// window. Change times are set by hand (created_at), so the cases do not wait on the clock. They are a
// day ahead of it, so the stack's own compaction alarm (5-minute window) never takes them meanwhile.
import { drizzle } from 'drizzle-orm/d1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compact } from '../workers/api/src/store';
import { type TestStack, startTestStack } from './harness';

const NOW = Date.now() + 86_400_000;
const WINDOW = 60_000;
const OLD = NOW - 10 * WINDOW;
const YOUNG = NOW - WINDOW / 2;

let stack: TestStack;
let d1: D1Database;
beforeAll(async () => {
  stack = await startTestStack({}, { components: false });
  expect((await stack.client.post('/api/v1/namespaces', { metadata: { name: 'compaction' } })).status).toBe(201);
  d1 = (await stack.mf.getD1Database('DB', 'kubeflare-api')) as unknown as D1Database;
});
afterAll(async () => {
  await stack?.close();
});

let made = 0;
/** Creates `n` ConfigMaps and returns their revisions; every change before them is made old. */
async function writes(n: number): Promise<number[]> {
  const revs: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await stack.client.post('/api/v1/namespaces/compaction/configmaps', { metadata: { name: `cm-${made++}` } });
    expect(res.status).toBe(201);
    revs.push(Number(res.json.metadata.resourceVersion));
  }
  await d1.prepare('UPDATE changes SET created_at = ? WHERE revision < ?').bind(OLD, revs[0]).run();
  return revs;
}

async function ages(revs: number[], times: number[]): Promise<void> {
  await d1.batch(revs.map((r, i) => d1.prepare('UPDATE changes SET created_at = ? WHERE revision = ?').bind(times[i], r)));
}

const remaining = async () => (await d1.prepare('SELECT revision AS r FROM changes ORDER BY revision').all<{ r: number }>()).results.map((x) => x.r);
const recorded = async () => (await d1.prepare(`SELECT value AS v FROM meta WHERE key = 'compacted'`).first<{ v: number }>())?.v;
const run = (policy: { windowMs?: number; minKeep?: number; chunk?: number }, now = NOW) => compact(drizzle(d1) as never, { windowMs: WINDOW, minKeep: 1, chunk: 3, ...policy }, now);

describe('change-log compaction', () => {
  it('deletes every change older than the window, in chunks, and keeps the ones inside it', async () => {
    const revs = await writes(12);
    await ages(revs, revs.map((_, i) => (i < 8 ? NOW - WINDOW - (12 - i) * 1000 : YOUNG)));
    expect(await run({})).toBe(revs[7]);
    expect(await recorded()).toBe(revs[7]);
    expect(await remaining()).toEqual(revs.slice(8));
    // Nothing more is old enough: a second round changes nothing.
    expect(await run({})).toBe(revs[7]);
    expect(await remaining()).toEqual(revs.slice(8));
  });

  it('stops before the first change inside the window, even when a later one is older', async () => {
    const revs = await writes(6);
    // revs[2] is young; revs[3] and revs[4] carry older times (their writer's clock ran behind).
    await ages(revs, [OLD, OLD, YOUNG, OLD, OLD, YOUNG]);
    expect(await run({})).toBe(revs[1]);
    expect((await remaining()).filter((r) => r >= revs[0])).toEqual(revs.slice(2));
    // Once the window has passed them all, they go.
    expect(await run({}, NOW + WINDOW)).toBe(revs[4]);
    expect(await remaining()).toEqual([revs[5]]);
  });

  it('keeps the newest minKeep changes whatever their age', async () => {
    const revs = await writes(7);
    await ages(revs, revs.map(() => OLD));
    expect(await run({ minKeep: 5 })).toBe(revs[1]);
    expect(await remaining()).toEqual(revs.slice(2));
  });

  it('answers a change feed from before the compacted revision with 410 Expired', async () => {
    const revs = await writes(2);
    await ages(revs, [OLD, OLD]);
    expect(await run({})).toBe(revs[0]);
    const gone = await stack.client.get(`/apis/kubeflare.dev/v1/changes?resource=configmaps&after=${revs[0] - 1}&limit=10`);
    expect(gone.status).toBe(410);
    expect(gone.json).toMatchObject({ kind: 'Status', reason: 'Expired' });
  });
});
