// RBAC through the real API: the default roles, bindings, Forbidden wording, access reviews and
// escalation prevention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerToken } from '../local/tokens';
import { ApiClient, type TestStack, startTestStack } from './harness';

let stack: TestStack;
let viewer: ApiClient;
let editor: ApiClient;
beforeAll(async () => {
  stack = await startTestStack();
  const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
  await registerToken(db as never, 'viewer-token', 'vera', ['team-a'], 'test');
  await registerToken(db as never, 'editor-token', 'eddie', [], 'test');
  viewer = new ApiClient(stack.url, 'viewer-token', stack.caPem);
  editor = new ApiClient(stack.url, 'editor-token', stack.caPem);
  const rb = (name: string, role: string, subject: object) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [subject],
  });
  const RBS = '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings';
  expect((await stack.client.post(RBS, rb('team-a-view', 'view', { kind: 'Group', name: 'team-a', apiGroup: 'rbac.authorization.k8s.io' }))).status).toBe(201);
  expect((await stack.client.post(RBS, rb('eddie-admin', 'admin', { kind: 'User', name: 'eddie', apiGroup: 'rbac.authorization.k8s.io' }))).status).toBe(201);
  await stack.client.post('/api/v1/namespaces/default/configmaps', { metadata: { name: 'shared' }, data: { a: 'b' } });
  await new Promise((r) => setTimeout(r, 1100)); // other isolates see new bindings within a second
});
afterAll(async () => {
  viewer?.close();
  editor?.close();
  await stack?.close();
});

describe('RBAC', () => {
  it('creates the default roles on first start', async () => {
    const names = (await stack.client.get('/apis/rbac.authorization.k8s.io/v1/clusterroles')).json.items.map((r: { metadata: { name: string } }) => r.metadata.name);
    for (const n of ['cluster-admin', 'admin', 'edit', 'view', 'system:node', 'system:kube-scheduler', 'system:kube-controller-manager']) expect(names).toContain(n);
  });

  it('lets a view binding read but not delete, worded as upstream', async () => {
    expect((await viewer.get('/api/v1/namespaces/default/configmaps/shared')).status).toBe(200);
    const del = await viewer.delete('/api/v1/namespaces/default/configmaps/shared');
    expect(del.status).toBe(403);
    expect(del.json.message).toBe('configmaps "shared" is forbidden: User "vera" cannot delete resource "configmaps" in API group "" in the namespace "default"');
    expect((await viewer.get('/api/v1/namespaces/default/secrets')).status).toBe(403);
    expect((await viewer.get('/api/v1/namespaces/kube-system/configmaps')).status).toBe(403);
    const nodes = await viewer.get('/api/v1/nodes');
    expect(nodes.json.message).toBe('nodes is forbidden: User "vera" cannot list resource "nodes" in API group "" at the cluster scope');
  });

  it('answers access reviews from RBAC', async () => {
    const ask = (verb: string, resource: string) =>
      viewer.post('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { spec: { resourceAttributes: { verb, resource, namespace: 'default' } } });
    expect((await ask('list', 'pods')).json.status.allowed).toBe(true);
    expect((await ask('delete', 'pods')).json.status.allowed).toBe(false);
  });

  it('refuses to let a namespace admin grant what it does not hold', async () => {
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'too-much' }, rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['*'] }] };
    const r = await editor.post('/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles', role);
    expect(r.status).toBe(403);
    expect(r.json.message).toContain('is attempting to grant RBAC permissions not currently held');
    const bind = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'self-admin' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'User', name: 'eddie', apiGroup: 'rbac.authorization.k8s.io' }],
    };
    expect((await editor.post('/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', bind)).status).toBe(403);
  });
});
