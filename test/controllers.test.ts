// Controllers run in their own worker's Durable Objects and act through the API.
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


describe('serviceaccount controller', () => {
  it('gives existing and new namespaces a default ServiceAccount, and recreates it', async () => {
    const c = stack.client;
    await eventually(async () => ((await c.get('/api/v1/namespaces/kube-system/serviceaccounts/default')).status === 200 ? true : undefined));
    await c.post('/api/v1/namespaces', { metadata: { name: 'fresh' } });
    const sa = await eventually(async () => {
      const r = await c.get('/api/v1/namespaces/fresh/serviceaccounts/default');
      return r.status === 200 ? r.json : undefined;
    });
    expect(sa.metadata.namespace).toBe('fresh');
    await c.delete('/api/v1/namespaces/fresh/serviceaccounts/default');
    await eventually(async () => ((await c.get('/api/v1/namespaces/fresh/serviceaccounts/default')).status === 200 ? true : undefined));
  });
});

describe('workload controllers', () => {
  const DEPLOYS = '/apis/apps/v1/namespaces/default/deployments';
  const deployment = (name: string, replicas: number, image = 'nginx:1.27') => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } } },
  });
  const podsOf = async (app: string) => (await stack.client.get(`/api/v1/namespaces/default/pods?labelSelector=app%3D${app}`)).json.items as { metadata: { name: string; labels: Record<string, string>; ownerReferences?: { kind: string; name: string }[] } }[];
  const rsOf = async (app: string) => (await stack.client.get(`/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3D${app}`)).json.items as { metadata: { name: string; annotations: Record<string, string> }; spec: { replicas: number } }[];

  it('turns a Deployment into a ReplicaSet and its pods, scales it, and records status', async () => {
    expect((await stack.client.post(DEPLOYS, deployment('web', 3))).status).toBe(201);
    const rs = await eventually(async () => {
      const l = await rsOf('web');
      return l.length === 1 ? l[0] : undefined;
    });
    expect(rs.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rs.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    await eventually(async () => ((await podsOf('web')).length === 3 ? true : undefined));
    const pods = await podsOf('web');
    expect(pods.every((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet' && p.metadata.ownerReferences[0].name === rs.metadata.name)).toBe(true);
    const d = await eventually(async () => {
      const x = (await stack.client.get(`${DEPLOYS}/web`)).json;
      return x.status?.replicas === 3 && x.status?.observedGeneration === x.metadata.generation ? x : undefined;
    });
    expect(d.status.updatedReplicas).toBe(3);
    expect(d.status.conditions.map((c: { type: string }) => c.type)).toContain('Progressing');
    const events = await eventually(async () => {
      const l = (await stack.client.get('/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dweb')).json.items;
      return l.length ? l : undefined;
    });
    expect(events[0]).toMatchObject({ reason: 'ScalingReplicaSet', source: { component: 'deployment-controller' } });
    await stack.client.patch(`${DEPLOYS}/web/scale`, { spec: { replicas: 1 } });
    await eventually(async () => ((await podsOf('web')).length === 1 ? true : undefined));
  });

  it('starts a second ReplicaSet on a template change and keeps revision history', async () => {
    await stack.client.patch(`${DEPLOYS}/web`, { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } } }, 'application/strategic-merge-patch+json');
    const sets = await eventually(async () => {
      const l = await rsOf('web');
      return l.length === 2 ? l : undefined;
    });
    expect(sets.map((r) => r.metadata.annotations['deployment.kubernetes.io/revision']).sort()).toEqual(['1', '2']);
  });

  it('deletes ReplicaSets and pods after their Deployment (background), and keeps them with orphan', async () => {
    expect((await stack.client.delete(`${DEPLOYS}/web`)).status).toBe(200);
    await eventually(async () => ((await rsOf('web')).length === 0 && (await podsOf('web')).length === 0 ? true : undefined), 30_000);
    await stack.client.post(DEPLOYS, deployment('keep', 2));
    await eventually(async () => ((await podsOf('keep')).length === 2 ? true : undefined));
    expect((await stack.client.delete(`${DEPLOYS}/keep`, { body: { propagationPolicy: 'Orphan' } })).status).toBe(200);
    await eventually(async () => ((await stack.client.get(`${DEPLOYS}/keep`)).status === 404 ? true : undefined));
    const kept = await rsOf('keep');
    expect(kept).toHaveLength(1);
    expect((kept[0] as unknown as { metadata: { ownerReferences?: unknown[] } }).metadata.ownerReferences ?? []).toEqual([]);
    expect(await podsOf('keep')).toHaveLength(2);
  });
});
