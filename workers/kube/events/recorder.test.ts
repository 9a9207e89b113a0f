import { describe, expect, it } from 'vitest';
import { ApiClient } from '../client';
import type { KObject } from '../registry/types';
import { EventRecorder } from './recorder';

/** An API that answers event batches with 201 each (or `patchStatus` to patches), recording what it was sent. */
function recordingApi(patchStatus = 200) {
  const created: { name: string; message: string; count: number; body: Record<string, unknown> }[] = [];
  const patches: { path: string; body: { count: number; message: string } }[] = [];
  let batches = 0;
  const api = new ApiClient({
    baseUrl: 'https://api.test',
    token: 't',
    userAgent: 'test',
    fetch: async (req: Request) => {
      const body = JSON.parse(await req.text());
      if (req.method === 'POST' && new URL(req.url).pathname === '/apis/kubeflare.dev/v1/events') {
        batches++;
        for (const e of body.items) created.push({ name: e.metadata.name, message: e.message, count: e.count, body: e });
        return Response.json({ items: body.items.map(() => ({ code: 201 })) });
      }
      patches.push({ path: new URL(req.url).pathname, body });
      return Response.json(body, { status: patchStatus });
    },
  });
  return { api, created, patches, batches: () => batches };
}

const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default', uid: 'uid-rs' } } as KObject;
const pod = (uid: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${uid}`, namespace: 'ns', uid } }) as KObject;

describe('EventRecorder', () => {
  it('raises the count of a repeated event instead of writing a new object', async () => {
    const { api, created, patches } = recordingApi();
    const r = new EventRecorder(api, { component: 'default-scheduler', lingerMs: 0 });
    for (let i = 0; i < 3; i++) await r.record(pod('a'), 'Warning', 'FailedScheduling', '0/1 nodes are available: 1 Insufficient cpu.');
    expect(created).toHaveLength(1);
    expect(patches.map((p) => p.path)).toEqual([`/api/v1/namespaces/ns/events/${created[0].name}`, `/api/v1/namespaces/ns/events/${created[0].name}`]);
    expect(patches[1].body.count).toBe(3);
  });

  it('writes a new event for another reason or object, and carries the component\'s own fields', async () => {
    const { api, created } = recordingApi();
    const r = new EventRecorder(api, { component: 'default-scheduler', extra: { action: 'Scheduling', reportingInstance: 'default-scheduler' }, lingerMs: 0 });
    await r.record(pod('a'), 'Warning', 'FailedScheduling', 'one');
    await Promise.all([r.record(pod('b'), 'Warning', 'FailedScheduling', 'one'), r.record(pod('a'), 'Normal', 'Scheduled', 'one')]);
    expect(created).toHaveLength(3);
    expect(created[0].body).toMatchObject({
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'p-a', namespace: 'ns', uid: 'a' },
      source: { component: 'default-scheduler' },
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler',
      action: 'Scheduling',
      count: 1,
    });
  });

  it('combines similar events, counts repeats on the combined one, and drops what exceeds the burst of 25 per object', async () => {
    const { api, created, patches } = recordingApi();
    const r = new EventRecorder(api, { component: 'replicaset-controller', lingerMs: 0 });
    for (let i = 0; i < 40; i++) await r.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: web-1-${i}`);
    // 9 events as they are, the 10th combined, 15 more counted on it, 15 dropped.
    expect(created.map((c) => c.message)).toEqual([...Array.from({ length: 9 }, (_, i) => `Deleted pod: web-1-${i}`), '(combined from similar events): Deleted pod: web-1-9']);
    expect(patches).toHaveLength(15);
    const combined = created[9].name;
    for (const p of patches) expect(p.path).toBe(`/api/v1/namespaces/default/events/${combined}`);
    expect(patches.at(-1)!.body).toMatchObject({ count: 16, message: '(combined from similar events): Deleted pod: web-1-24' });
  });

  it('writes a new event when the one it would count on is gone, and counts other failures', async () => {
    const gone = recordingApi(404);
    const r = new EventRecorder(gone.api, { component: 'c', lingerMs: 0 });
    await r.record(pod('a'), 'Normal', 'Pulled', 'x');
    await r.record(pod('a'), 'Normal', 'Pulled', 'x');
    expect(gone.created).toHaveLength(2);
    expect(r.counters.eventErrors).toBe(0);
    const broken = recordingApi(500);
    const counters = { eventErrors: 0, eventsDropped: 0 };
    const r2 = new EventRecorder(broken.api, { component: 'c', lingerMs: 0, counters });
    await r2.record(pod('a'), 'Normal', 'Pulled', 'x');
    await r2.record(pod('a'), 'Normal', 'Pulled', 'x');
    expect(broken.created).toHaveLength(1);
    expect(counters).toMatchObject({ eventErrors: 1, lastEventError: expect.stringMatching(/^HTTP 500/) });
  });

  it('sends new events in batches, and drops and counts those beyond its backlog', async () => {
    const { api, created, batches } = recordingApi();
    const counters = { eventErrors: 0, eventsDropped: 0 };
    const r = new EventRecorder(api, { component: 'deployment-controller', lingerMs: 50, maxPending: 20, counters });
    const objs = Array.from({ length: 30 }, (_, i) => ({ ...rs, metadata: { ...rs.metadata, name: `d${i}`, uid: `uid-${i}` } }) as KObject);
    await Promise.all(objs.map((o) => r.record(o, 'Normal', 'ScalingReplicaSet', 'Scaled up')));
    expect(created).toHaveLength(20);
    expect(counters.eventsDropped).toBe(10);
    expect(batches()).toBe(1);
    expect(r.backlog).toBe(0);
  });
});
