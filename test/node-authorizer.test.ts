// The node authorizer and NodeRestriction through the real API: a node credential reads only its own
// pods and what they reference, and writes only its own Node, Lease and pods' status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerToken } from '../local/tokens';
import { ApiClient, type TestStack, startTestStack } from './harness';

let stack: TestStack;
let nodeA: ApiClient;
const NS = '/api/v1/namespaces/default';

function pod(name: string, nodeName: string, refs: { secret?: string; configMap?: string; claim?: string } = {}) {
  return {
    metadata: { name },
    spec: {
      nodeName,
      containers: [{ name: 'c', image: 'busybox', ...(refs.configMap ? { envFrom: [{ configMapRef: { name: refs.configMap } }] } : {}) }],
      volumes: [
        ...(refs.secret ? [{ name: 's', secret: { secretName: refs.secret } }] : []),
        ...(refs.claim ? [{ name: 'd', persistentVolumeClaim: { claimName: refs.claim } }] : []),
      ],
    },
  };
}

beforeAll(async () => {
  stack = await startTestStack();
  const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
  await registerToken(db as never, 'node-a-token', 'system:node:node-a', ['system:nodes'], 'test node a');
  nodeA = new ApiClient(stack.url, 'node-a-token', stack.caPem);
  // The node role's grants (RBAC), so every denial below is the node authorizer's.
  const crb = await stack.client.post('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
    metadata: { name: 'test-nodes' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:node' },
    subjects: [{ kind: 'Group', name: 'system:nodes', apiGroup: 'rbac.authorization.k8s.io' }],
  });
  expect([201, 409]).toContain(crb.status);
  for (const name of ['mine', 'theirs', 'unused']) expect((await stack.client.post(`${NS}/secrets`, { metadata: { name }, stringData: { k: name } })).status).toBe(201);
  expect((await stack.client.post(`${NS}/configmaps`, { metadata: { name: 'env' }, data: { A: '1' } })).status).toBe(201);
  expect((await stack.client.post(`${NS}/pods`, pod('a-pod', 'node-a', { secret: 'mine', configMap: 'env' }))).status).toBe(201);
  expect((await stack.client.post(`${NS}/pods`, pod('b-pod', 'node-b', { secret: 'theirs' }))).status).toBe(201);
  await new Promise((r) => setTimeout(r, 1100)); // other isolates see the new binding within a second
});
afterAll(async () => {
  nodeA?.close();
  await stack?.close();
});

describe('node authorizer', () => {
  it('lists its own pods through the spec.nodeName field selector, never another node’s', async () => {
    const mine = await nodeA.get(`/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-a`);
    expect(mine.status).toBe(200);
    expect(mine.json.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(['a-pod']);
    const other = await nodeA.get(`/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-b`);
    expect(other.status).toBe(403);
    expect(other.json.message).toBe('pods is forbidden: User "system:node:node-a" cannot list resource "pods" in API group "" at the cluster scope: can only list pods with spec.nodeName field selector');
  });

  it('lists and watches all pods, namespaces and NetworkPolicies, as its NetworkPolicy agent needs', async () => {
    const all = await nodeA.get(`/api/v1/pods`);
    expect(all.status).toBe(200);
    expect(all.json.items.map((p: { metadata: { name: string } }) => p.metadata.name).sort()).toEqual(['a-pod', 'b-pod']);
    expect((await nodeA.get(`/api/v1/namespaces`)).status).toBe(200);
    expect((await nodeA.get(`/apis/networking.k8s.io/v1/networkpolicies`)).status).toBe(200);
    // Reading, not writing, and not other nodes' pods one by one.
    expect((await nodeA.post(`${NS}/networkpolicies`.replace('/api/v1', '/apis/networking.k8s.io/v1'), { metadata: { name: 'x' }, spec: { podSelector: {} } })).status).toBe(403);
    expect((await nodeA.get(`/api/v1/namespaces/default`)).status).toBe(403);
  });

  it('reads its own pod but not another node’s', async () => {
    expect((await nodeA.get(`${NS}/pods/a-pod`)).status).toBe(200);
    const other = await nodeA.get(`${NS}/pods/b-pod`);
    expect(other.status).toBe(403);
    expect(other.json.message).toContain("no relationship found between node 'node-a' and this object");
  });

  it('reads the Secrets and ConfigMaps its pods use, and no others', async () => {
    expect((await nodeA.get(`${NS}/secrets/mine`)).status).toBe(200);
    expect((await nodeA.get(`${NS}/configmaps/env`)).status).toBe(200);
    expect((await nodeA.get(`${NS}/secrets/theirs`)).status).toBe(403);
    expect((await nodeA.get(`${NS}/secrets/unused`)).status).toBe(403);
    expect((await nodeA.get(`${NS}/secrets`)).status).toBe(403);
    expect((await nodeA.get(`${NS}/secrets?fieldSelector=metadata.name%3Dmine`)).status).toBe(200);
  });

  it('writes the status of its own pods only, and deletes only its own', async () => {
    const ok = await nodeA.patch(`${NS}/pods/a-pod/status`, { status: { phase: 'Running' } });
    expect(ok.status).toBe(200);
    expect((await nodeA.patch(`${NS}/pods/b-pod/status`, { status: { phase: 'Running' } })).status).toBe(403);
    expect((await nodeA.patch(`${NS}/pods/a-pod`, { metadata: { labels: { x: 'y' } } })).status).toBe(403);
    expect((await nodeA.post(`${NS}/pods`, pod('new', 'node-a'))).status).toBe(403);
    expect((await nodeA.delete(`${NS}/pods/b-pod`)).status).toBe(403);
    expect((await stack.client.get(`${NS}/pods/b-pod`)).status).toBe(200);
  });
});

describe('NodeRestriction', () => {
  const node = (name: string, labels: Record<string, string> = {}) => ({ metadata: { name, labels } });

  it('creates and updates its own Node, but not another', async () => {
    expect((await nodeA.post('/api/v1/nodes', node('node-a'))).status).toBe(201);
    const other = await nodeA.post('/api/v1/nodes', node('node-b'));
    expect(other.status).toBe(403);
    expect(other.json.message).toBe('node "node-a" is not allowed to modify node "node-b"');
    expect((await stack.client.post('/api/v1/nodes', node('node-b'))).status).toBe(201);
    expect((await nodeA.patch('/api/v1/nodes/node-b', { metadata: { labels: { a: 'b' } } })).status).toBe(403);
    expect((await nodeA.patch('/api/v1/nodes/node-a', { metadata: { labels: { 'topology.kubernetes.io/zone': 'z1' } } })).status).toBe(200);
  });

  it('may not label itself under node-restriction.kubernetes.io/', async () => {
    const r = await nodeA.patch('/api/v1/nodes/node-a', { metadata: { labels: { 'node-restriction.kubernetes.io/role': 'db' } } });
    expect(r.status).toBe(403);
    expect(r.json.message).toBe('node "node-a" is not allowed to modify labels: node-restriction.kubernetes.io/role');
  });

  it('keeps its own Lease only', async () => {
    const lease = (name: string) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name }, spec: { holderIdentity: name } });
    const LEASES = '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases';
    expect((await nodeA.post(LEASES, lease('node-a'))).status).toBe(201);
    expect((await nodeA.post(LEASES, lease('node-b'))).status).toBe(403);
    expect((await stack.client.post(LEASES, lease('node-b'))).status).toBe(201);
    expect((await nodeA.put(`${LEASES}/node-b`, lease('node-b'))).status).toBe(403);
  });
});
