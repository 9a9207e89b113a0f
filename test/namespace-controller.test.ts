// The namespace controller, end to end: a deleted namespace is emptied (waiting for finalizers),
// then goes away; nothing new may be created in it meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, startTestStack } from './harness';
import { eventually } from './eventually';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});


const gone = async (path: string) => ((await stack.client.get(path)).status === 404 ? true : undefined);

describe('namespace controller', () => {
  it('empties a deleted namespace and then removes it', async () => {
    const c = stack.client;
    expect((await c.post('/api/v1/namespaces', { metadata: { name: 'shop' } })).status).toBe(201);
    for (const name of ['a', 'b']) expect((await c.post('/api/v1/namespaces/shop/configmaps', { metadata: { name }, data: { k: name } })).status).toBe(201);
    const deploy = {
      metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    };
    expect((await c.post('/apis/apps/v1/namespaces/shop/deployments', deploy)).status).toBe(201);
    await eventually(async () => ((await c.get('/api/v1/namespaces/shop/pods')).json.items.length === 2 ? true : undefined));

    const del = await c.delete('/api/v1/namespaces/shop');
    expect(del.status).toBe(200);
    expect(del.json.status.phase).toBe('Terminating');
    await eventually(() => gone('/api/v1/namespaces/shop'));
    for (const path of ['/api/v1/namespaces/shop/configmaps', '/api/v1/namespaces/shop/pods', '/apis/apps/v1/namespaces/shop/deployments', '/apis/apps/v1/namespaces/shop/replicasets']) {
      expect((await c.get(path)).json.items).toEqual([]);
    }
  });

  it('waits for finalizers, refusing new content meanwhile', async () => {
    const c = stack.client;
    await c.post('/api/v1/namespaces', { metadata: { name: 'held' } });
    await c.post('/api/v1/namespaces/held/configmaps', { metadata: { name: 'plain' } });
    await c.post('/api/v1/namespaces/held/secrets', { metadata: { name: 'kept', finalizers: ['example.com/hold'] } });
    expect((await c.delete('/api/v1/namespaces/held')).status).toBe(200);

    // The secret is marked for deletion and held; everything else goes; the namespace stays.
    const secret = await eventually(async () => {
      const s = (await c.get('/api/v1/namespaces/held/secrets/kept')).json;
      return s?.metadata?.deletionTimestamp ? s : undefined;
    });
    expect(secret.metadata.finalizers).toEqual(['example.com/hold']);
    await eventually(() => gone('/api/v1/namespaces/held/configmaps/plain'));
    const ns = await eventually(async () => {
      const n = (await c.get('/api/v1/namespaces/held')).json;
      const cond = n.status?.conditions?.find((x: { type: string }) => x.type === 'NamespaceFinalizersRemaining');
      return cond?.status === 'True' ? n : undefined;
    });
    expect(ns.status.phase).toBe('Terminating');
    expect(ns.status.conditions.find((x: { type: string }) => x.type === 'NamespaceContentRemaining')).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain' });
    expect(ns.spec.finalizers).toEqual(['kubernetes']);

    const refused = await c.post('/api/v1/namespaces/held/configmaps', { metadata: { name: 'late' } });
    expect(refused.status).toBe(403);
    expect(refused.json.message).toContain('being terminated');

    await new Promise((r) => setTimeout(r, 1_500));
    expect((await c.get('/api/v1/namespaces/held')).status).toBe(200);

    expect((await c.patch('/api/v1/namespaces/held/secrets/kept', { metadata: { finalizers: null } })).status).toBe(200);
    await eventually(() => gone('/api/v1/namespaces/held/secrets/kept'));
    await eventually(() => gone('/api/v1/namespaces/held'));
  });
});
