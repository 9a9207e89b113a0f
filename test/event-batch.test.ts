// POST /apis/kubeflare.dev/v1/events: many core/v1 Event creates in one request, each with its own result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type TestStack, startTestStack } from './harness';
import { namespacedUser } from './namespaced-user';
import { eventually } from './eventually';

const EVENTS = '/apis/kubeflare.dev/v1/events';
let stack: TestStack;
let recorder: ApiClient;

interface Result {
  namespace: string;
  name: string;
  code: number;
  reason?: string;
  message?: string;
}

const event = (namespace: string, meta: { name?: string; generateName?: string }, reason = 'Tested', extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { namespace, ...meta },
  involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'some-pod', namespace },
  reason,
  message: `a ${reason} event`,
  type: 'Normal',
  source: { component: 'test' },
  count: 1,
  ...extra,
});
const list = (items: unknown[]) => ({ apiVersion: 'kubeflare.dev/v1', kind: 'EventList', items });
const names = async (ns: string) => ((await stack.client.get(`/api/v1/namespaces/${ns}/events`)).json.items as { metadata: { name: string } }[]).map((e) => e.metadata.name).sort();

beforeAll(async () => {
  stack = await startTestStack();
  for (const ns of ['eb-a', 'eb-b', 'eb-q']) expect((await stack.client.post('/api/v1/namespaces', { metadata: { name: ns } })).status).toBe(201);
  recorder = await namespacedUser(stack, 'recorder', 'eb-a', [{ apiGroups: [''], resources: ['events'], verbs: ['create'] }]);
});
afterAll(async () => {
  recorder?.close();
  await stack?.close();
});

describe('batch event creation', () => {
  it('creates every event of the batch as POST .../events would, each with its own revision', async () => {
    // The first create in a namespace reads its policies; the isolate then knows it is bare and batches.
    const items = [
      ...Array.from({ length: 50 }, (_, i) => event('eb-a', { name: `many.${i}` })),
      ...Array.from({ length: 10 }, () => event('eb-b', { generateName: 'gen-' })),
    ];
    for (const round of [0, 1]) {
      const batch = round === 0 ? items : items.map((e, i) => (i < 50 ? event('eb-a', { name: `again.${i}` }) : e));
      const r = await stack.client.post(EVENTS, list(batch));
      expect(r.status, r.text).toBe(200);
      expect(r.json.kind).toBe('EventResultList');
      const res = r.json.items as Result[];
      expect(res.map((x) => x.code), JSON.stringify(res.find((x) => x.code !== 201))).toEqual(batch.map(() => 201));
      expect(res.slice(0, 50).map((x) => x.name)).toEqual(batch.slice(0, 50).map((e) => e.metadata.name));
      for (const x of res.slice(50)) expect(x.name).toMatch(/^gen-[a-z0-9]{5}$/);
    }
    const a = await names('eb-a');
    for (let i = 0; i < 50; i++) expect(a).toEqual(expect.arrayContaining([`many.${i}`, `again.${i}`]));
    expect((await names('eb-b')).filter((n) => n.startsWith('gen-'))).toHaveLength(20);
    const got = (await stack.client.get('/api/v1/namespaces/eb-a/events/many.7')).json;
    expect(got.reason).toBe('Tested');
    expect(got.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    const rvs = await Promise.all(Array.from({ length: 50 }, async (_, i) => (await stack.client.get(`/api/v1/namespaces/eb-a/events/again.${i}`)).json.metadata.resourceVersion as string));
    expect(new Set(rvs).size).toBe(50);
  });

  it('gives each item its own result: a taken name, an invalid event and a forbidden namespace fail alone', async () => {
    expect((await stack.client.post('/api/v1/namespaces/eb-a/events', event('eb-a', { name: 'taken' }))).status).toBe(201);
    const r = await recorder.post(
      EVENTS,
      list([
        event('eb-a', { name: 'ok.1' }),
        event('eb-a', { name: 'taken' }),
        event('eb-a', { name: 'bad' }, 'Tested', { involvedObject: { kind: 'Pod', name: 'x', namespace: 'elsewhere' } }),
        event('eb-b', { name: 'not.mine' }),
        event('eb-a', { name: 'ok.2' }),
      ]),
    );
    expect(r.status, r.text).toBe(200);
    const res = r.json.items as Result[];
    expect(res.map((x) => [x.name, x.code])).toEqual([
      ['ok.1', 201],
      ['taken', 409],
      ['bad', 422],
      ['not.mine', 403],
      ['ok.2', 201],
    ]);
    expect(res[1].message).toBe('events "taken" already exists');
    expect(res[3].message).toBe('events is forbidden: User "recorder" cannot create resource "events" in API group "" in the namespace "eb-b"');
    expect(await names('eb-a')).toEqual(expect.arrayContaining(['ok.1', 'ok.2']));
    expect(await names('eb-a')).not.toContain('bad');
    expect(await names('eb-b')).not.toContain('not.mine');
  });

  it('charges a ResourceQuota that counts events, one by one', async () => {
    // Make the isolate remember eb-q as bare first, so the quota must be found by the batch's guard.
    expect((await stack.client.post(EVENTS, list([event('eb-q', { name: 'before' })]))).json.items[0].code).toBe(201);
    expect((await stack.client.post(EVENTS, list([event('eb-q', { name: 'before.2' })]))).json.items[0].code).toBe(201);
    const q = await stack.client.post('/api/v1/namespaces/eb-q/resourcequotas', { metadata: { name: 'ev' }, spec: { hard: { 'count/events': '4' } } });
    expect(q.status, q.text).toBe(201);
    await eventually(async () => ((await stack.client.get('/api/v1/namespaces/eb-q/resourcequotas/ev')).json.status?.used?.['count/events'] === '2' ? true : undefined), 30_000, 'the quota to count what is there');
    const r = await stack.client.post(EVENTS, list(['q.1', 'q.2', 'q.3'].map((name) => event('eb-q', { name }))));
    expect(r.status, r.text).toBe(200);
    const res = r.json.items as Result[];
    expect(res.map((x) => x.code)).toEqual([201, 201, 403]);
    expect(res[2].message).toMatch(/^events "q.3" is forbidden: exceeded quota: ev, requested: count\/events=1, used: count\/events=4, limited: count\/events=4$/);
    expect(await names('eb-q')).toEqual(['before', 'before.2', 'q.1', 'q.2']);
  });

  it('refuses a malformed batch whole and creates nothing', async () => {
    const ok = event('eb-b', { name: 'never' });
    const cases: [unknown, RegExp][] = [
      [[ok], /EventList object/],
      [{ kind: 'List', items: [ok] }, /kind must be EventList/],
      [{ kind: 'EventList' }, /items: Required value/],
      [list([ok, 'text']), /items\[1\] must be an Event object/],
      [list([ok, { ...ok, metadata: { name: 'x' } }]), /items\[1\].metadata.namespace: Required value/],
      [list([ok, { ...ok, metadata: { namespace: 'a/b', name: 'x' } }]), /items\[1\].metadata.namespace: Invalid value/],
      [list(Array.from({ length: 201 }, (_, i) => event('eb-b', { name: `n.${i}` }))), /Too many: 201: must have at most 200 items/],
    ];
    for (const [body, message] of cases) {
      const r = await stack.client.post(EVENTS, body);
      expect(r.status, r.text).toBe(400);
      expect(r.json.message).toMatch(message);
    }
    expect(await names('eb-b')).not.toContain('never');
  });
});
