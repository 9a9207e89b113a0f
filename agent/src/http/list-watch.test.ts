import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../workers/kube/client';
import { listWatch } from './list-watch';

type Obj = { metadata: { name: string; resourceVersion: string } };
const obj = (name: string, rv: number): Obj => ({ metadata: { name, resourceVersion: String(rv) } });
const line = (type: string, object: unknown) => `${JSON.stringify({ type, object })}\n`;

/** A fake API: each request is answered by the next handler; records the URLs asked. */
function fakeApi(handlers: ((url: URL) => Response)[]) {
  const urls: URL[] = [];
  const api = new ApiClient({
    baseUrl: 'https://api.test',
    token: 't',
    userAgent: 'test',
    fetch: async (req) => {
      const url = new URL(req.url);
      urls.push(url);
      const h = handlers.shift();
      // Out of script: a stream that stays open until cancelled.
      return h ? h(url) : new Response(new ReadableStream({ pull: () => new Promise(() => undefined) }));
    },
  });
  return { api, urls };
}

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });

describe('listWatch', () => {
  it('lists, watches from the list revision, resumes after a stream ends, relists on 410', async () => {
    const { api, urls } = fakeApi([
      () => json({ metadata: { resourceVersion: '10' }, items: [obj('a', 5)] }),
      () => new Response(line('ADDED', obj('b', 11)) + line('BOOKMARK', obj('', 15))),
      () => new Response(line('ERROR', { kind: 'Status', code: 410, reason: 'Expired' })),
      () => json({ metadata: { resourceVersion: '20' }, items: [obj('b', 11)] }),
    ]);
    const ac = new AbortController();
    const lists: string[][] = [];
    const events: string[] = [];
    let restarts = 0;
    const done = listWatch<Obj>({
      api,
      path: '/api/v1/pods',
      params: { fieldSelector: 'spec.nodeName!=' },
      signal: ac.signal,
      onList: (items) => lists.push(items.map((i) => i.metadata.name)),
      onEvent: (type, o) => events.push(`${type} ${o.metadata.name}`),
      onRestart: () => restarts++,
    });
    while (urls.length < 5) await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    await done;
    expect(lists).toEqual([['a'], ['b']]);
    expect(events).toEqual(['ADDED b']);
    expect(restarts).toBe(2);
    const q = urls.map((u) => Object.fromEntries(u.searchParams));
    expect(q[0]).toMatchObject({ fieldSelector: 'spec.nodeName!=', limit: '500' });
    expect(q[1]).toMatchObject({ watch: 'true', resourceVersion: '10', allowWatchBookmarks: 'true', fieldSelector: 'spec.nodeName!=' });
    expect(q[2]).toMatchObject({ watch: 'true', resourceVersion: '15' });
    expect(q[4]).toMatchObject({ watch: 'true', resourceVersion: '20' });
  });

  it('follows list pages and backs off after a failure', async () => {
    const { api, urls } = fakeApi([
      () => new Response(JSON.stringify({ kind: 'Status', code: 500, reason: 'InternalError', message: 'boom' }), { status: 500 }),
      () => json({ metadata: { resourceVersion: '7', continue: 'next' }, items: [obj('a', 1)] }),
      () => json({ metadata: { resourceVersion: '7' }, items: [obj('b', 2)] }),
    ]);
    const ac = new AbortController();
    const errors: unknown[] = [];
    let listed: string[] = [];
    const done = listWatch<Obj>({
      api,
      path: '/x',
      signal: ac.signal,
      backoffMs: { initial: 10, max: 10 },
      onList: (items) => (listed = items.map((i) => i.metadata.name)),
      onEvent: () => undefined,
      onError: (e) => errors.push(e),
    });
    while (urls.length < 4) await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    await done;
    expect(errors).toHaveLength(1);
    expect(listed).toEqual(['a', 'b']);
    expect(urls[2].searchParams.get('continue')).toBe('next');
  });
});
