// metrics.k8s.io through the real stack: a node's own credential pushes its usage sample, the real
// `kubectl top nodes|pods` shows it, another node's credential and bad bodies are refused, and
// metrics of objects that do not exist are 404 as metrics-server words it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerToken } from '../local/tokens';
import { ApiClient, type TestStack, startTestStack } from './harness';
import { Kubectl } from './kubectl';

let stack: TestStack;
let kubectl: Kubectl;
let nodeA: ApiClient;
let nodeB: ApiClient;
const PUSH = (node: string) => `/apis/kubeflare.dev/v1/nodes/${node}/metrics`;
const NS = '/api/v1/namespaces/default';

const sample = (pods: { name: string; cpu: string; memory: string }[]) => ({
  timestamp: new Date().toISOString(),
  window: '15s',
  node: { cpu: '1500000000n', memory: '2097152Ki' },
  pods: pods.map((p) => ({ namespace: 'default', name: p.name, containers: [{ name: 'main', cpu: p.cpu, memory: p.memory }] })),
});

function node(name: string) {
  return { metadata: { name, labels: { 'kubernetes.io/hostname': name, tier: name === 'node-a' ? 'edge' : 'core' } }, status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' }, allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } };
}
function pod(name: string, nodeName: string, app: string) {
  return { metadata: { name, labels: { app } }, spec: { nodeName, containers: [{ name: 'main', image: 'busybox' }] } };
}

beforeAll(async () => {
  stack = await startTestStack();
  kubectl = new Kubectl(stack.kubeconfig);
  const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
  await registerToken(db as never, 'node-a-token', 'system:node:node-a', ['system:nodes'], 'test node a');
  await registerToken(db as never, 'node-b-token', 'system:node:node-b', ['system:nodes'], 'test node b');
  nodeA = new ApiClient(stack.url, 'node-a-token', stack.caPem);
  nodeB = new ApiClient(stack.url, 'node-b-token', stack.caPem);
  for (const n of ['node-a', 'node-b']) expect((await stack.client.post('/api/v1/nodes', node(n))).status).toBe(201);
  expect((await stack.client.post(`${NS}/pods`, pod('web-1', 'node-a', 'web'))).status).toBe(201);
  expect((await stack.client.post(`${NS}/pods`, pod('db-1', 'node-a', 'db'))).status).toBe(201);
  expect((await stack.client.post(`${NS}/pods`, pod('web-2', 'node-b', 'web'))).status).toBe(201);
});
afterAll(async () => {
  nodeA?.close();
  nodeB?.close();
  kubectl?.close();
  await stack?.close();
});

describe('metrics push', () => {
  it('accepts a node’s own sample', async () => {
    const r = await nodeA.put(PUSH('node-a'), sample([{ name: 'web-1', cpu: '250000000n', memory: '65536Ki' }, { name: 'db-1', cpu: '12000000n', memory: '10Mi' }]));
    expect(r.status, r.text).toBe(200);
  });

  it('refuses a sample for another node, keeping the real one', async () => {
    const r = await nodeB.put(PUSH('node-a'), sample([{ name: 'web-1', cpu: '9', memory: '1Gi' }]));
    expect(r.status).toBe(403);
    expect(r.json.reason).toBe('Forbidden');
    expect(r.json.message).toContain('User "system:node:node-b" cannot report metrics');
    const stored = await stack.client.get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/web-1');
    expect(stored.json.containers[0].usage.cpu).toBe('250000000n');
  });

  it('refuses unreadable (400) and malformed (422) bodies and stores nothing', async () => {
    const raw = await nodeB.request('PUT', PUSH('node-b'), { raw: '{"timestamp":', headers: { 'Content-Type': 'application/json' } });
    expect(raw.status).toBe(400);
    expect(raw.json.kind).toBe('Status');
    const badQuantity = await nodeB.put(PUSH('node-b'), { ...sample([]), node: { cpu: 'lots', memory: '1Gi' } });
    expect(badQuantity.status).toBe(422);
    expect(badQuantity.json.reason).toBe('Invalid');
    expect(badQuantity.json.details.causes[0].field).toBe('node.cpu');
    const missing = await nodeB.put(PUSH('node-b'), { timestamp: new Date().toISOString(), window: '15s', pods: [] });
    expect(missing.status).toBe(422);
    expect(missing.json.message).toContain('node');
    const extra = await nodeB.put(PUSH('node-b'), { ...sample([]), surprise: 1 });
    expect(extra.status).toBe(422);
    expect((await stack.client.get('/apis/metrics.k8s.io/v1beta1/nodes/node-b')).status).toBe(404);
  });

  it('ignores usage a node reports for a pod bound elsewhere', async () => {
    const r = await nodeB.put(PUSH('node-b'), sample([{ name: 'web-2', cpu: '100m', memory: '32Mi' }, { name: 'web-1', cpu: '3', memory: '1Gi' }]));
    expect(r.status).toBe(200);
    const web1 = await stack.client.get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/web-1');
    expect(web1.json.containers[0].usage.cpu).toBe('250000000n');
  });
});

describe('metrics.k8s.io reads', () => {
  it('is in discovery', async () => {
    const r = await stack.client.get('/apis/metrics.k8s.io/v1beta1');
    expect(r.status).toBe(200);
    expect(r.json.resources.map((x: { name: string; verbs: string[] }) => `${x.name}:${x.verbs.join(',')}`).sort()).toEqual(['nodes:get,list', 'pods:get,list']);
  });

  it('lists node metrics with labels and filters by label selector', async () => {
    const all = await stack.client.get('/apis/metrics.k8s.io/v1beta1/nodes');
    expect(all.json.kind).toBe('NodeMetricsList');
    expect(all.json.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['node-a', 'node-b']);
    expect(all.json.items[0]).toMatchObject({ window: '15s', usage: { cpu: '1500000000n', memory: '2097152Ki' }, metadata: { labels: { tier: 'edge' } } });
    const edge = await stack.client.get('/apis/metrics.k8s.io/v1beta1/nodes?labelSelector=tier%3Dedge');
    expect(edge.json.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['node-a']);
  });

  it('lists pod metrics by namespace and label selector', async () => {
    const web = await stack.client.get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dweb');
    expect(web.json.kind).toBe('PodMetricsList');
    expect(web.json.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['web-1', 'web-2']);
    const other = await stack.client.get('/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods');
    expect(other.json.items).toEqual([]);
  });

  it('answers 404 NotFound as metrics-server does, and 405 to writes', async () => {
    const pod = await stack.client.get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope');
    expect(pod.status).toBe(404);
    expect(pod.json.message).toBe('podmetrics.metrics.k8s.io "nope" not found');
    const nodeMissing = await stack.client.get('/apis/metrics.k8s.io/v1beta1/nodes/nope');
    expect(nodeMissing.json.message).toBe('nodemetrics.metrics.k8s.io "nope" not found');
    expect((await stack.client.post('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods', { metadata: { name: 'x' } })).status).toBe(405);
  });

  it('drops a deleted pod’s and a deleted node’s metrics', async () => {
    expect((await stack.client.delete(`${NS}/pods/db-1?gracePeriodSeconds=0`)).status).toBe(200);
    expect((await stack.client.get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/db-1')).status).toBe(404);
    expect((await stack.client.delete('/api/v1/nodes/node-b')).status).toBe(200);
    const nodes = await stack.client.get('/apis/metrics.k8s.io/v1beta1/nodes');
    expect(nodes.json.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['node-a']);
  });

  it('denies a user without the aggregated metrics reader role', async () => {
    const r = await nodeA.get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods');
    expect(r.status).toBe(403);
  });
});

describe('kubectl top', () => {
  it('shows nodes', async () => {
    const r = await kubectl.run(['top', 'nodes']);
    expect(r.code, r.stderr).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('node-a'));
    // 1.5 cores of 4, 2 GiB of 8 GiB.
    expect(line?.trim().split(/\s+/)).toEqual(['node-a', '1500m', '37%', '2048Mi', '25%']);
  });

  it('shows pods, with containers and a label selector', async () => {
    const r = await kubectl.run(['top', 'pods', '-l', 'app=web', '--containers']);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/));
    expect(rows).toEqual([['web-1', 'main', '250m', '64Mi']]);
  });
});
