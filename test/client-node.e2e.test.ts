// @kubernetes/client-node 1.4 (the newest that runs on Node 20) against the real local stack: typed
// CoreV1Api calls on ConfigMaps, the error shapes its callers rely on (ApiException.code, Status body),
// and an informer (list + watch + cache) that must see adds, updates and deletes as they happen.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, startTestStack } from './harness';

let stack: TestStack;
let kc: k8s.KubeConfig;
let api: k8s.CoreV1Api;
const namespace = 'default';

beforeAll(async () => {
  stack = await startTestStack();
  kc = new k8s.KubeConfig();
  // The stack's admin kubeconfig (https, CA embedded, bearer token): exactly what a user would load.
  kc.loadFromFile(stack.kubeconfig);
  // 1.x only wires auth and TLS through makeApiClient (`new CoreV1Api(kc)` is not the 1.x API).
  api = kc.makeApiClient(k8s.CoreV1Api);
});
afterAll(async () => {
  await stack?.close();
});

/** The ApiException a rejected call throws, with its Status body parsed. */
async function failure(p: Promise<unknown>): Promise<{ code: number; status: k8s.V1Status }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof k8s.ApiException)) throw e;
    const body = e.body as unknown;
    return { code: e.code, status: (typeof body === 'string' ? JSON.parse(body) : body) as k8s.V1Status };
  }
  throw new Error('the call succeeded but was expected to fail');
}

const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
const jsonPatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch);

describe('client-node CoreV1Api on ConfigMaps', () => {
  it('the server version is 1.32', async () => {
    const v = await kc.makeApiClient(k8s.VersionApi).getCode();
    expect(v).toMatchObject({ major: '1', minor: '32' });
    expect(v.gitVersion).toMatch(/^v1\.32\./);
  });

  it('create (201), read, list (with selectors)', async () => {
    const created = await api.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'cn-basic', labels: { suite: 'client-node' } }, data: { a: '1' } },
    });
    expect(created.kind).toBe('ConfigMap');
    expect(created.metadata?.name).toBe('cn-basic');
    expect(created.metadata?.namespace).toBe(namespace);
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.resourceVersion).toMatch(/^[1-9]\d*$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date); // client-node parses date-time fields
    expect(created.data).toEqual({ a: '1' });

    const read = await api.readNamespacedConfigMap({ namespace, name: 'cn-basic' });
    expect(read.metadata?.uid).toBe(created.metadata?.uid);
    expect(read.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);

    const list = await api.listNamespacedConfigMap({ namespace });
    expect(list.kind).toBe('ConfigMapList');
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThanOrEqual(Number(created.metadata?.resourceVersion));
    expect(list.items.map((i) => i.metadata?.name)).toContain('cn-basic');

    const byLabel = await api.listNamespacedConfigMap({ namespace, labelSelector: 'suite=client-node' });
    expect(byLabel.items.map((i) => i.metadata?.name)).toEqual(['cn-basic']);
    const byName = await api.listNamespacedConfigMap({ namespace, fieldSelector: 'metadata.name=cn-basic' });
    expect(byName.items.map((i) => i.metadata?.name)).toEqual(['cn-basic']);
    const none = await api.listNamespacedConfigMap({ namespace, labelSelector: 'suite=nope' });
    expect(none.items).toEqual([]);
  });

  it('merge patch (PatchStrategy.MergePatch via setHeaderOptions) merges and removes keys', async () => {
    const before = await api.readNamespacedConfigMap({ namespace, name: 'cn-basic' });
    const patched = await api.patchNamespacedConfigMap(
      { namespace, name: 'cn-basic', body: { metadata: { annotations: { note: 'x' } }, data: { b: '2' } } },
      mergePatch,
    );
    expect(patched.data).toEqual({ a: '1', b: '2' });
    expect(patched.metadata?.annotations).toEqual({ note: 'x' });
    expect(patched.metadata?.labels).toEqual({ suite: 'client-node' });
    expect(Number(patched.metadata?.resourceVersion)).toBeGreaterThan(Number(before.metadata?.resourceVersion));

    // RFC 7386: null deletes a key.
    const removed = await api.patchNamespacedConfigMap({ namespace, name: 'cn-basic', body: { data: { a: null } } }, mergePatch);
    expect(removed.data).toEqual({ b: '2' });
  });

  it('JSON patch (PatchStrategy.JsonPatch), and a failing test op is rejected', async () => {
    const patched = await api.patchNamespacedConfigMap(
      { namespace, name: 'cn-basic', body: [{ op: 'replace', path: '/data/b', value: '3' }, { op: 'add', path: '/data/c', value: '4' }] },
      jsonPatch,
    );
    expect(patched.data).toEqual({ b: '3', c: '4' });

    const f = await failure(
      api.patchNamespacedConfigMap({ namespace, name: 'cn-basic', body: [{ op: 'test', path: '/data/b', value: 'wrong' }] }, jsonPatch),
    );
    // Upstream answers a failed JSON-patch test with 422 Invalid.
    expect(f.code).toBe(422);
    expect(f.status.reason).toBe('Invalid');
  });

  it('replace with a stale resourceVersion is 409 Conflict', async () => {
    const current = await api.readNamespacedConfigMap({ namespace, name: 'cn-basic' });
    await api.replaceNamespacedConfigMap({ namespace, name: 'cn-basic', body: { ...current, data: { fresh: 'yes' } } });
    const f = await failure(api.replaceNamespacedConfigMap({ namespace, name: 'cn-basic', body: { ...current, data: { stale: 'yes' } } }));
    expect(f.code).toBe(409);
    expect(f.status).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Conflict', code: 409 });
    expect(f.status.message).toBe(
      'Operation cannot be fulfilled on configmaps "cn-basic": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('duplicate create is 409 AlreadyExists (e.code and Status body)', async () => {
    const f = await failure(api.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'cn-basic' } } }));
    expect(f.code).toBe(409);
    expect(f.status).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'AlreadyExists',
      code: 409,
      message: 'configmaps "cn-basic" already exists',
      details: { name: 'cn-basic', kind: 'configmaps' },
    });
  });

  it('read of a missing object is 404 NotFound', async () => {
    const f = await failure(api.readNamespacedConfigMap({ namespace, name: 'cn-missing' }));
    expect(f.code).toBe(404);
    expect(f.status).toMatchObject({ reason: 'NotFound', code: 404, message: 'configmaps "cn-missing" not found', details: { name: 'cn-missing', kind: 'configmaps' } });
    const p = await failure(api.patchNamespacedConfigMap({ namespace, name: 'cn-missing', body: { data: { a: '1' } } }, mergePatch));
    expect(p.code).toBe(404);
  });

  it('invalid input is 422 Invalid with causes', async () => {
    const f = await failure(api.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'Not_Valid' } } }));
    expect(f.code).toBe(422);
    expect(f.status.reason).toBe('Invalid');
    expect(f.status.details?.causes?.[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });
  });

  it('delete, then read is 404 and a second delete is 404', async () => {
    await api.deleteNamespacedConfigMap({ namespace, name: 'cn-basic' });
    expect((await failure(api.readNamespacedConfigMap({ namespace, name: 'cn-basic' }))).code).toBe(404);
    const again = await failure(api.deleteNamespacedConfigMap({ namespace, name: 'cn-basic' }));
    expect(again.code).toBe(404);
    expect(again.status.message).toBe('configmaps "cn-basic" not found');
  });
});

describe('client-node informer on ConfigMaps', () => {
  it('sees add, update and delete of objects changed through the API, and keeps its cache', async () => {
    // Exists before the informer starts: it must arrive as an `add` from the initial list.
    await api.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'inf-before' }, data: { v: '0' } } });

    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/default/configmaps', () => api.listNamespacedConfigMap({ namespace }));
    const events: { verb: string; name: string; data?: Record<string, string>; rv?: string }[] = [];
    const errors: unknown[] = [];
    let stopped = false;
    for (const verb of [k8s.ADD, k8s.UPDATE, k8s.DELETE] as const) {
      informer.on(verb, (o: k8s.V1ConfigMap) => events.push({ verb, name: o.metadata?.name ?? '', data: o.data, rv: o.metadata?.resourceVersion }));
    }
    // Stopping aborts the watch request, which the informer reports as an error: only earlier ones count.
    informer.on(k8s.ERROR, (err) => {
      if (!stopped) errors.push(err);
    });

    const waitFor = async (verb: string, name: string, pred: (e: (typeof events)[number]) => boolean = () => true, ms = 10_000) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const hit = events.find((e) => e.verb === verb && e.name === name && pred(e));
        if (hit) return hit;
        if (errors.length) throw new Error(`informer error: ${String(errors[0])}`);
        if (Date.now() > deadline) throw new Error(`no ${verb} ${name} within ${ms} ms; events: ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };

    await informer.start();
    try {
      await waitFor(k8s.ADD, 'inf-before', undefined, 5_000);

      const created = await api.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'inf-1' }, data: { v: '1' } } });
      const added = await waitFor(k8s.ADD, 'inf-1');
      expect(added.data).toEqual({ v: '1' });
      expect(added.rv).toBe(created.metadata?.resourceVersion);
      expect(informer.get('inf-1', namespace)?.data).toEqual({ v: '1' });

      const patched = await api.patchNamespacedConfigMap({ namespace, name: 'inf-1', body: { data: { v: '2' } } }, mergePatch);
      const updated = await waitFor(k8s.UPDATE, 'inf-1', (e) => e.data?.v === '2');
      expect(updated.rv).toBe(patched.metadata?.resourceVersion);
      expect(informer.get('inf-1', namespace)?.data).toEqual({ v: '2' });

      await api.deleteNamespacedConfigMap({ namespace, name: 'inf-1' });
      const deleted = await waitFor(k8s.DELETE, 'inf-1');
      expect(deleted.data).toEqual({ v: '2' }); // DELETED carries the final state
      expect(informer.get('inf-1', namespace)).toBeUndefined();
      expect(informer.list(namespace).map((o) => o.metadata?.name)).toContain('inf-before');

      // Each change was seen exactly once, in order.
      expect(events.filter((e) => e.name === 'inf-1').map((e) => e.verb)).toEqual([k8s.ADD, k8s.UPDATE, k8s.DELETE]);
      expect(errors).toEqual([]);
    } finally {
      stopped = true;
      await informer.stop();
      await api.deleteNamespacedConfigMap({ namespace, name: 'inf-before' }).catch(() => undefined);
    }
  });
});
