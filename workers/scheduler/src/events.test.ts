import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../kube/client';
import { EventRecorder } from './events';
import type { Pod } from './framework';

/** An API that records requests (each event of a batch as one POST) and answers 201/200. */
function recordingApi() {
  const calls: { method: string; path: string; body: Record<string, unknown> }[] = [];
  const api = new ApiClient({
    baseUrl: 'https://api.test',
    token: 't',
    userAgent: 'test',
    fetch: async (req: Request) => {
      const path = new URL(req.url).pathname;
      const body = JSON.parse(await req.text());
      if (path === '/apis/kubeflare.dev/v1/events') {
        for (const e of body.items) calls.push({ method: 'POST', path: `/api/v1/namespaces/${e.metadata.namespace}/events`, body: e });
        return Response.json({ kind: 'EventResultList', items: body.items.map(() => ({ code: 201 })) });
      }
      calls.push({ method: req.method, path, body });
      return new Response('{}', { status: req.method === 'POST' ? 201 : 200, headers: { 'content-type': 'application/json' } });
    },
  });
  return { api, calls };
}

const pod = (uid: string): Pod => ({ metadata: { name: `p-${uid}`, namespace: 'ns', uid }, spec: { containers: [] } }) as Pod;
const settle = async (r: EventRecorder) => {
  while (r.backlog > 0) await new Promise((res) => setTimeout(res, 1));
};

describe('EventRecorder', () => {
  it('raises the count of a repeated event instead of writing a new object', async () => {
    const { api, calls } = recordingApi();
    const r = new EventRecorder(api, { eventErrors: 0, eventsDropped: 0 });
    r.record(pod('a'), 'Warning', 'FailedScheduling', '0/1 nodes are available: 1 Insufficient cpu.');
    await settle(r);
    r.record(pod('a'), 'Warning', 'FailedScheduling', '0/1 nodes are available: 1 Insufficient cpu.');
    await settle(r);
    r.record(pod('a'), 'Warning', 'FailedScheduling', '0/1 nodes are available: 1 Insufficient cpu.');
    await settle(r);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'PATCH', 'PATCH']);
    const name = (calls[0].body.metadata as { name: string }).name;
    expect(calls[1].path).toBe(`/api/v1/namespaces/ns/events/${name}`);
    expect(calls[2].body.count).toBe(3);
  });
  it('writes a new event for another message, reason or pod', async () => {
    const { api, calls } = recordingApi();
    const r = new EventRecorder(api, { eventErrors: 0, eventsDropped: 0 });
    r.record(pod('a'), 'Warning', 'FailedScheduling', 'one');
    await settle(r);
    r.record(pod('a'), 'Warning', 'FailedScheduling', 'two');
    r.record(pod('b'), 'Warning', 'FailedScheduling', 'one');
    r.record(pod('a'), 'Normal', 'Scheduled', 'one');
    await settle(r);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'POST', 'POST', 'POST']);
  });
});
