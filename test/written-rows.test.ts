// Updates start from the API isolate's own last write of an object (workers/api/src/store/written-rows)
// instead of reading D1. That copy goes stale when another isolate writes the object; here the other
// isolate's writes go straight into D1 through the store, and every update must still behave exactly as
// if it had read D1: merged onto the newer object, refused or allowed by what D1 holds, never answered
// from the stale copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createObject, deleteObject, getObject, updateObject } from '../workers/api/src/store';
import { type TestStack, startTestStack } from './harness';
import { namespaceWithDefaultAccount, otherIsolateStore } from './support/other-isolate';

const NS = 'hints';
const CMS = `/api/v1/namespaces/${NS}/configmaps`;
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({}, { components: false });
  await namespaceWithDefaultAccount(stack, NS);
});
afterAll(async () => {
  await stack?.close();
});

type Obj = { metadata: { name: string; uid: string; resourceVersion: string; [k: string]: unknown }; [k: string]: unknown };
const noColumns = { labels: {}, fields: {}, nodeName: null };
/** The store as another API isolate has it (its own D1 handle, its own remembered rows). */
const elsewhere = () => otherIsolateStore(stack);
const keyOf = (name: string, resource = 'configmaps') => ({ resource, namespace: NS, name });

/** Creates a ConfigMap through the API (so the API isolate remembers it), then changes it elsewhere. */
async function staleCopy(name: string, before: Record<string, string>, after: Record<string, unknown>): Promise<{ made: Obj; rv: number }> {
  const made = await stack.client.post(CMS, { metadata: { name }, data: before });
  expect(made.status, made.text).toBe(201);
  const db = await elsewhere();
  const current = JSON.parse((await getObject(db, keyOf(name)))!.json) as Obj;
  const out = await updateObject(db, keyOf(name), Number(current.metadata.resourceVersion), { ...current, ...after } as Obj, noColumns);
  if (!out.ok) throw new Error(`update elsewhere: ${out.reason}`);
  return { made: made.json as Obj, rv: out.rv };
}
async function stored(name: string, resource = 'configmaps'): Promise<Obj | undefined> {
  const row = await getObject(await elsewhere(), keyOf(name, resource));
  return row ? (JSON.parse(row.json) as Obj) : undefined;
}

/** Creates a pod through the API (so the API isolate remembers it unbound), then binds it elsewhere. */
async function podBoundElsewhere(name: string, node: string): Promise<void> {
  const made = await stack.client.post(`/api/v1/namespaces/${NS}/pods`, { metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
  expect(made.status, made.text).toBe(201);
  const db = await elsewhere();
  const key = keyOf(name, 'pods');
  const current = JSON.parse((await getObject(db, key))!.json) as Obj & { spec: Record<string, unknown> };
  const out = await updateObject(db, key, Number(current.metadata.resourceVersion), { ...current, spec: { ...current.spec, nodeName: node } } as Obj, noColumns);
  expect(out.ok).toBe(true);
}

describe('updates from a remembered copy that another isolate made stale', () => {
  it('a merge patch applies on top of the other write', async () => {
    const { rv } = await staleCopy('merge', { a: '1' }, { data: { a: '1', other: 'yes' } });
    const r = await stack.client.patch(`${CMS}/merge`, { data: { mine: 'yes' } });
    expect(r.status, r.text).toBe(200);
    expect(r.json.data).toEqual({ a: '1', other: 'yes', mine: 'yes' });
    expect(Number(r.json.metadata.resourceVersion)).toBeGreaterThan(rv);
    expect((await stored('merge'))!.data).toEqual(r.json.data);
  });

  it('a PUT pinned to the other write’s revision succeeds, one pinned to the older revision is a conflict', async () => {
    const { made, rv } = await staleCopy('pinned', { a: '1' }, { data: { a: '2' } });
    const old = await stack.client.put(`${CMS}/pinned`, { ...made, data: { a: 'from-old' } });
    expect(old.status, old.text).toBe(409);
    expect(old.json.reason).toBe('Conflict');
    const fresh = await stack.client.put(`${CMS}/pinned`, { ...made, metadata: { ...made.metadata, resourceVersion: String(rv) }, data: { a: '3' } });
    expect(fresh.status, fresh.text).toBe(200);
    expect((await stored('pinned'))!.data).toEqual({ a: '3' });
  });

  it('an update that would change nothing on the stale copy still writes what D1 lacks', async () => {
    // The remembered copy has a=1; D1 has a=2. Putting a=1 back is a change, not a no-op.
    const { made, rv } = await staleCopy('noop', { a: '1' }, { data: { a: '2' } });
    // Without the create's managedFields: sent back, they would replace the stored ones, whose time moves
    // with the first PUT, so the second would be a no-op only when both fall within the same second.
    const { resourceVersion: _rv, managedFields: _mf, ...meta } = made.metadata;
    const r = await stack.client.put(`${CMS}/noop`, { ...made, metadata: meta, data: { a: '1' } });
    expect(r.status, r.text).toBe(200);
    expect(Number(r.json.metadata.resourceVersion)).toBeGreaterThan(rv);
    expect((await stored('noop'))!.data).toEqual({ a: '1' });
    // And a true no-op against D1 answers with D1's revision, writing nothing.
    const again = await stack.client.put(`${CMS}/noop`, { ...made, metadata: meta, data: { a: '1' } });
    expect(again.status).toBe(200);
    expect(again.json.metadata.resourceVersion).toBe(r.json.metadata.resourceVersion);
  });

  it('a dry run is answered from D1, not from the stale copy', async () => {
    await staleCopy('dry', { a: '1' }, { data: { a: '1', other: 'yes' } });
    const r = await stack.client.patch(`${CMS}/dry?dryRun=All`, { data: { mine: 'yes' } });
    expect(r.status, r.text).toBe(200);
    expect(r.json.data).toEqual({ a: '1', other: 'yes', mine: 'yes' });
    expect((await stored('dry'))!.data).toEqual({ a: '1', other: 'yes' });
  });

  it('an object made immutable elsewhere refuses the change the stale copy would allow', async () => {
    await staleCopy('frozen', { a: '1' }, { immutable: true });
    const r = await stack.client.patch(`${CMS}/frozen`, { data: { a: '2' } });
    expect(r.status, r.text).toBe(422);
    expect((await stored('frozen'))!.data).toEqual({ a: '1' });
  });

  it('a change the stale copy would refuse is allowed when D1 allows it', async () => {
    // The API isolate remembers the pod unbound; elsewhere it was bound. Sending it back as read (with
    // its node) plus a label is a label change, which the stale copy would see as moving the pod.
    await podBoundElsewhere('bound', 'node-1');
    const read = (await stack.client.get(`/api/v1/namespaces/${NS}/pods/bound`)).json;
    expect(read.spec.nodeName).toBe('node-1');
    // Not pinned to a revision: the update starts from the stale copy, not from D1.
    const { resourceVersion: _rv, ...meta } = read.metadata;
    const r = await stack.client.put(`/api/v1/namespaces/${NS}/pods/bound`, { ...read, metadata: { ...meta, labels: { seen: 'yes' } } });
    expect(r.status, r.text).toBe(200);
    expect(r.json.spec.nodeName).toBe('node-1');
    expect(r.json.metadata.labels).toEqual({ seen: 'yes' });
  });

  it('a batch binding of a pod bound elsewhere fails as already bound', async () => {
    await podBoundElsewhere('taken', 'node-1');
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { namespace: NS, name: 'taken' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-2' } };
    const r = await stack.client.post('/apis/kubeflare.dev/v1/bindings', { apiVersion: 'kubeflare.dev/v1', kind: 'BindingList', items: [binding] });
    expect(r.status, r.text).toBe(200);
    expect(r.json.items[0].code).toBe(409);
    expect((await stored('taken', 'pods'))!.spec).toMatchObject({ nodeName: 'node-1' });
  });

  it('an object deleted elsewhere is not found; one recreated elsewhere is updated as the new object', async () => {
    const made = (await stack.client.post(CMS, { metadata: { name: 'gone' }, data: { a: '1' } })).json as Obj;
    const db = await elsewhere();
    expect((await deleteObject(db, keyOf('gone'), Number(made.metadata.resourceVersion))).ok).toBe(true);
    const missing = await stack.client.patch(`${CMS}/gone`, { data: { a: '2' } });
    expect(missing.status, missing.text).toBe(404);

    const first = (await stack.client.post(CMS, { metadata: { name: 'again' }, data: { a: '1' } })).json as Obj;
    expect((await deleteObject(db, keyOf('again'), Number(first.metadata.resourceVersion))).ok).toBe(true);
    const uid = crypto.randomUUID();
    const recreated = await createObject(db, keyOf('again'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'again', namespace: NS, uid, creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }, data: { a: 'new' } } as unknown as Obj, noColumns);
    expect(recreated.ok).toBe(true);
    // The old object's uid as a precondition: a conflict. The new one: the update applies to it.
    const oldUid = await stack.client.patch(`${CMS}/again`, { metadata: { uid: first.metadata.uid }, data: { b: '1' } });
    expect(oldUid.status, oldUid.text).toBe(409);
    const r = await stack.client.patch(`${CMS}/again`, { data: { b: '1' } });
    expect(r.status, r.text).toBe(200);
    expect(r.json.metadata.uid).toBe(uid);
    expect(r.json.data).toEqual({ a: 'new', b: '1' });
  });
});
