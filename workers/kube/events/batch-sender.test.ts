import { describe, expect, it } from 'vitest';
import { ApiClient } from '../client';
import { EventBatchSender, MAX_BATCH } from './batch-sender';

/** A batch endpoint that holds each request until released, and answers 201, or 409 for names starting "taken". */
function heldApi() {
  const requests: { names: string[]; release: () => void }[] = [];
  const api = new ApiClient({
    baseUrl: 'https://api.test',
    token: 't',
    userAgent: 'test',
    fetch: async (req: Request) => {
      const body = JSON.parse(await req.text()) as { items: { metadata: { name: string } }[] };
      const names = body.items.map((e) => e.metadata.name);
      await new Promise<void>((release) => requests.push({ names, release }));
      return Response.json({ items: names.map((n) => (n.startsWith('taken') ? { code: 409, message: `events "${n}" already exists` } : { code: 201 })) });
    },
  });
  return { api, requests };
}
const ev = (name: string) => ({ metadata: { name, namespace: 'ns' } });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('EventBatchSender', () => {
  it('without linger sends a lone event at once, and what queues meanwhile in batches', async () => {
    const { api, requests } = heldApi();
    const s = new EventBatchSender(api, 0);
    const first = s.send(ev('a'));
    await tick();
    expect(requests.map((r) => r.names)).toEqual([['a']]);
    const second = s.send(ev('b'));
    await tick();
    // Two requests in flight at most: the rest waits and then goes out together.
    const rest = Array.from({ length: MAX_BATCH + 5 }, (_, i) => s.send(ev(i === 3 ? 'taken-3' : `c${i}`)));
    await tick();
    expect(requests.map((r) => r.names.length)).toEqual([1, 1]);
    expect(s.backlog).toBe(MAX_BATCH + 7);
    requests[0].release();
    expect(await first).toEqual({ code: 201 });
    await tick();
    expect(requests.map((r) => r.names.length)).toEqual([1, 1, MAX_BATCH]);
    requests[1].release();
    await second;
    await tick();
    expect(requests.map((r) => r.names.length)).toEqual([1, 1, MAX_BATCH, 5]);
    requests[2].release();
    requests[3].release();
    const results = await Promise.all(rest);
    expect(results[3]).toEqual({ code: 409, message: 'events "taken-3" already exists' });
    expect(results.filter((r) => r.code === 201)).toHaveLength(MAX_BATCH + 4);
    expect(s.backlog).toBe(0);
  });

  it('lets a batch that is not full wait lingerMs for more, and sends a full one at once', async () => {
    const { api, requests } = heldApi();
    const s = new EventBatchSender(api, 40);
    const trickle = [s.send(ev('a')), s.send(ev('b'))];
    await new Promise((r) => setTimeout(r, 10));
    expect(requests).toHaveLength(0);
    trickle.push(s.send(ev('c')));
    await new Promise((r) => setTimeout(r, 60));
    expect(requests.map((r) => r.names)).toEqual([['a', 'b', 'c']]);
    const full = Array.from({ length: MAX_BATCH }, (_, i) => s.send(ev(`f${i}`)));
    await tick();
    expect(requests.map((r) => r.names.length)).toEqual([3, MAX_BATCH]);
    for (const r of requests) r.release();
    expect((await Promise.all([...trickle, ...full])).every((r) => r.code === 201)).toBe(true);
  });

  it('answers code 0 for every event of a request that failed as a whole', async () => {
    const api = new ApiClient({ baseUrl: 'https://api.test', token: 't', userAgent: 'test', fetch: async () => new Response('upstream gone', { status: 503 }) });
    const s = new EventBatchSender(api, 0);
    const results = await Promise.all([s.send(ev('a')), s.send(ev('b')), s.send(ev('c'))]);
    for (const r of results) {
      expect(r.code).toBe(0);
      expect(r.message).toBeTruthy();
    }
  });
});
