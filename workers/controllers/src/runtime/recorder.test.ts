import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../kube/client';
import type { KObject } from '../../../kube/registry/types';
import { ControllerEventRecorder } from './recorder';

/** An API that answers event batches with 201 each and counts patches, recording what it was sent. */
function recordingApi() {
  const created: { name: string; message: string; count: number }[] = [];
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
        for (const e of body.items) created.push({ name: e.metadata.name, message: e.message, count: e.count });
        return Response.json({ items: body.items.map(() => ({ code: 201 })) });
      }
      patches.push({ path: new URL(req.url).pathname, body });
      return Response.json(body);
    },
  });
  return { api, created, patches, batches: () => batches };
}

const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default', uid: 'uid-rs' } } as KObject;

describe('ControllerEventRecorder', () => {
  it('combines similar events, counts repeats on the combined one, and drops what exceeds the burst of 25 per object', async () => {
    const { api, created, patches } = recordingApi();
    const r = new ControllerEventRecorder(api, 'replicaset-controller', 0);
    for (let i = 0; i < 40; i++) await r.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: web-1-${i}`);
    // 9 events as they are, the 10th combined, 15 more counted on it, 15 dropped.
    expect(created.map((c) => c.message)).toEqual([...Array.from({ length: 9 }, (_, i) => `Deleted pod: web-1-${i}`), '(combined from similar events): Deleted pod: web-1-9']);
    expect(patches).toHaveLength(15);
    const combined = created[9].name;
    for (const p of patches) expect(p.path).toBe(`/api/v1/namespaces/default/events/${combined}`);
    expect(patches.at(-1)!.body).toMatchObject({ count: 16, message: '(combined from similar events): Deleted pod: web-1-24' });
  });

  it('sends new events in batches', async () => {
    const { api, created, batches } = recordingApi();
    const r = new ControllerEventRecorder(api, 'deployment-controller', 50);
    const objs = Array.from({ length: 30 }, (_, i) => ({ ...rs, metadata: { ...rs.metadata, name: `d${i}`, uid: `uid-${i}` } }) as KObject);
    await Promise.all(objs.map((o) => r.record(o, 'Normal', 'ScalingReplicaSet', 'Scaled up')));
    expect(created).toHaveLength(30);
    expect(batches()).toBe(1);
  });
});
