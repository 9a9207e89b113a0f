// POST /apis/kubeflare.dev/v1/bindings: many pods/binding in one request, each with its own result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type TestStack, startTestStack } from './harness';
import { namespacedUser } from './namespaced-user';

const BINDINGS = '/apis/kubeflare.dev/v1/bindings';
let stack: TestStack;
let binder: ApiClient;

interface Result {
  namespace: string;
  name: string;
  code: number;
  reason?: string;
  message?: string;
}
interface PodView {
  metadata: { uid: string; resourceVersion: string; managedFields?: unknown[] };
  spec: { nodeName?: string };
  status?: { conditions?: { type: string; status: string }[] };
}

const binding = (namespace: string, name: string, node: string, uid?: string) => ({
  apiVersion: 'v1',
  kind: 'Binding',
  metadata: { namespace, name, ...(uid ? { uid } : {}) },
  target: { apiVersion: 'v1', kind: 'Node', name: node },
});
const list = (items: unknown[]) => ({ apiVersion: 'kubeflare.dev/v1', kind: 'BindingList', items });
const pod = async (ns: string, name: string) => (await stack.client.get(`/api/v1/namespaces/${ns}/pods/${name}`)).json as PodView;

async function namespace(name: string) {
  expect((await stack.client.post('/api/v1/namespaces', { metadata: { name } })).status).toBe(201);
  // No controllers run here: the ServiceAccount admission's account is made by hand.
  expect((await stack.client.post(`/api/v1/namespaces/${name}/serviceaccounts`, { metadata: { name: 'default' } })).status).toBe(201);
}
async function pods(ns: string, prefix: string, n: number): Promise<PodView[]> {
  const out: PodView[] = [];
  for (let i = 0; i < n; i++) {
    const r = await stack.client.post(`/api/v1/namespaces/${ns}/pods`, { metadata: { name: `${prefix}-${i}` }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    expect(r.status, r.text).toBe(201);
    out.push(r.json as PodView);
  }
  return out;
}

beforeAll(async () => {
  // Without the scheduler and controllers: every binding here is the test's.
  stack = await startTestStack({}, { components: false });
  for (const ns of ['bb-a', 'bb-b', 'bb-c']) await namespace(ns);
  binder = await namespacedUser(stack, 'binder', 'bb-a', [{ apiGroups: [''], resources: ['pods/binding'], verbs: ['create'] }]);
});
afterAll(async () => {
  binder?.close();
  await stack?.close();
});

describe('batch binding', () => {
  it('binds every pod of the batch as pods/binding would, each with its own revision', async () => {
    const made = await pods('bb-a', 'many', 60);
    const r = await stack.client.post(BINDINGS, list(made.map((p, i) => binding('bb-a', `many-${i}`, `node-${i % 3}`, p.metadata.uid))));
    expect(r.status, r.text).toBe(200);
    expect(r.json.kind).toBe('BindingResultList');
    expect((r.json.items as Result[]).map((x) => x.code)).toEqual(made.map(() => 201));
    const after = await Promise.all(made.map((_, i) => pod('bb-a', `many-${i}`)));
    expect(after.map((p) => p.spec.nodeName)).toEqual(made.map((_, i) => `node-${i % 3}`));
    for (const p of after) expect(p.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    // One write per pod, each its own revision, and the pod's managedFields untouched (as upstream's binding).
    expect(new Set(after.map((p) => p.metadata.resourceVersion)).size).toBe(made.length);
    for (const [i, p] of after.entries()) {
      expect(Number(p.metadata.resourceVersion)).toBeGreaterThan(Number(made[i].metadata.resourceVersion));
      expect(p.metadata.managedFields).toEqual(made[i].metadata.managedFields);
    }
    // Every binding is in the change log a watch replays from: one MODIFIED per pod.
    const from = Math.min(...made.map((p) => Number(p.metadata.resourceVersion)));
    const changes = (await stack.client.get(`/apis/kubeflare.dev/v1/changes?resource=pods&after=${from}&limit=500`)).json.items as { type: string; object: PodView & { metadata: { name: string } } }[];
    const boundChanges = changes.filter((c) => c.type === 'MODIFIED' && c.object.spec.nodeName && c.object.metadata.name.startsWith('many-'));
    expect(boundChanges).toHaveLength(made.length);
  });

  it('gives each item its own result: bound, missing, already bound and a stale uid fail alone', async () => {
    const made = await pods('bb-a', 'mixed', 4);
    expect((await stack.client.post(`/api/v1/namespaces/bb-a/pods/mixed-1/binding`, binding('bb-a', 'mixed-1', 'first'))).status).toBe(201);
    const r = await stack.client.post(
      BINDINGS,
      list([binding('bb-a', 'mixed-0', 'n1'), binding('bb-a', 'mixed-1', 'n2'), binding('bb-a', 'nope', 'n1'), binding('bb-a', 'mixed-2', 'n1', 'not-its-uid'), binding('bb-a', 'mixed-3', 'n3', made[3].metadata.uid)]),
    );
    expect(r.status, r.text).toBe(200);
    const res = r.json.items as Result[];
    expect(res.map((x) => [x.name, x.code])).toEqual([
      ['mixed-0', 201],
      ['mixed-1', 409],
      ['nope', 404],
      ['mixed-2', 409],
      ['mixed-3', 201],
    ]);
    expect(res[1].message).toBe('Operation cannot be fulfilled on pods "mixed-1": pod mixed-1 is already assigned to node "first"');
    expect(res[3].message).toMatch(/^Operation cannot be fulfilled on pods "mixed-2": Precondition failed: UID in precondition: not-its-uid/);
    expect((await pod('bb-a', 'mixed-1')).spec.nodeName).toBe('first');
    expect((await pod('bb-a', 'mixed-2')).spec.nodeName).toBeUndefined();
    expect((await pod('bb-a', 'mixed-3')).spec.nodeName).toBe('n3');
  });

  it('refuses a malformed batch whole and binds nothing', async () => {
    await pods('bb-c', 'bad', 2);
    const ok = binding('bb-c', 'bad-0', 'n1');
    const cases: [unknown, RegExp][] = [
      [[ok], /BindingList object/],
      [{ kind: 'PodList', items: [ok] }, /kind must be BindingList/],
      [{ kind: 'BindingList' }, /items: Required value/],
      [list([ok, binding('bb-c', 'bad-0', 'n2')]), /appears more than once/],
      [list([ok, { metadata: { namespace: 'bb-c', name: 'bad-1' }, target: { kind: 'Service', name: 'x' } }]), /items\[1\]: Binding.target.kind: Unsupported value: "Service"/],
      [list([ok, { metadata: { namespace: 'bb-c', name: 'bad-1' }, target: {} }]), /items\[1\]: Binding.target.name: Required value/],
      [list([ok, { metadata: { name: 'bad-1' }, target: { name: 'n1' } }]), /items\[1\].metadata.namespace: Required value/],
      [list([ok, { metadata: { namespace: 'bb-c', name: '../x' }, target: { name: 'n1' } }]), /items\[1\].metadata.name: Invalid value/],
      [list(Array.from({ length: 201 }, (_, i) => binding('bb-c', `p-${i}`, 'n1'))), /Too many: 201: must have at most 200 items/],
    ];
    for (const [body, message] of cases) {
      const r = await stack.client.post(BINDINGS, body);
      expect(r.status, r.text).toBe(400);
      expect(r.json.kind).toBe('Status');
      expect(r.json.message).toMatch(message);
    }
    const notJson = await stack.client.request('POST', BINDINGS, { raw: '{"items": [', headers: { 'Content-Type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect((await pod('bb-c', 'bad-0')).spec.nodeName).toBeUndefined();
  });

  it('authorizes every item as create pods/binding on that pod', async () => {
    await pods('bb-a', 'rb', 1);
    await pods('bb-b', 'rb', 1);
    const r = await binder.post(BINDINGS, list([binding('bb-a', 'rb-0', 'n1'), binding('bb-b', 'rb-0', 'n1')]));
    expect(r.status, r.text).toBe(200);
    const res = r.json.items as Result[];
    expect(res.map((x) => x.code)).toEqual([201, 403]);
    expect(res[1].message).toBe('pods "rb-0" is forbidden: User "binder" cannot create resource "pods/binding" in API group "" in the namespace "bb-b"');
    expect((await pod('bb-a', 'rb-0')).spec.nodeName).toBe('n1');
    expect((await pod('bb-b', 'rb-0')).spec.nodeName).toBeUndefined();
    const anonymous = await stack.client.request('POST', BINDINGS, { body: list([binding('bb-b', 'rb-0', 'n1')]), token: null });
    expect(anonymous.status).toBe(401);
  });

  it('binds each pod exactly once when batches race for the same pods', async () => {
    const made = await pods('bb-b', 'race', 30);
    const batchFor = (node: string) => stack.client.post(BINDINGS, list(made.map((_, i) => binding('bb-b', `race-${i}`, node))));
    const [x, y, z] = await Promise.all([batchFor('x'), batchFor('y'), batchFor('z')]);
    for (const r of [x, y, z]) expect(r.status, r.text).toBe(200);
    for (let i = 0; i < made.length; i++) {
      const codes = [x, y, z].map((r) => (r.json.items as Result[])[i].code);
      expect(codes.filter((c) => c === 201), `race-${i}: ${codes}`).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(2);
      const winner = ['x', 'y', 'z'][codes.indexOf(201)];
      expect((await pod('bb-b', `race-${i}`)).spec.nodeName).toBe(winner);
    }
  });

  it('with dryRun=All answers as it would and binds nothing', async () => {
    await pods('bb-c', 'dry', 2);
    const r = await stack.client.post(`${BINDINGS}?dryRun=All`, list([binding('bb-c', 'dry-0', 'n1'), binding('bb-c', 'dry-1', 'n1')]));
    expect(r.status, r.text).toBe(200);
    expect((r.json.items as Result[]).map((x) => x.code)).toEqual([201, 201]);
    expect((await pod('bb-c', 'dry-0')).spec.nodeName).toBeUndefined();
  });

  it('leaves the pod’s managedFields alone on pods/binding too, and checks the Binding’s uid', async () => {
    const [p] = await pods('bb-c', 'single', 1);
    const stale = await stack.client.post('/api/v1/namespaces/bb-c/pods/single-0/binding', binding('bb-c', 'single-0', 'n1', 'other-uid'));
    expect(stale.status).toBe(409);
    expect(stale.json.message).toMatch(/Precondition failed: UID in precondition: other-uid/);
    const r = await stack.client.post('/api/v1/namespaces/bb-c/pods/single-0/binding', binding('bb-c', 'single-0', 'n1', p.metadata.uid));
    expect(r.status, r.text).toBe(201);
    const after = await pod('bb-c', 'single-0');
    expect(after.spec.nodeName).toBe('n1');
    expect(after.metadata.managedFields).toEqual(p.metadata.managedFields);
  });
});
