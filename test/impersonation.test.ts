// Impersonation through the real API and the real kubectl: `--as`/`--as-group` switch identity only for
// callers allowed to impersonate, and RBAC then applies to the impersonated user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerToken } from '../local/tokens';
import { ApiClient, type TestStack, startTestStack } from './harness';
import { Kubectl } from './kubectl';

let stack: TestStack;
let kubectl: Kubectl;
let bob: ApiClient;

beforeAll(async () => {
  stack = await startTestStack({}, { components: false });
  const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
  await registerToken(db as never, 'bob-token', 'bob', [], 'test');
  bob = new ApiClient(stack.url, 'bob-token', stack.caPem);
  kubectl = new Kubectl(stack.kubeconfig);
  const post = (path: string, body: unknown) => stack.client.post(path, body);
  const RBAC = '/apis/rbac.authorization.k8s.io/v1';
  expect((await post(`${RBAC}/namespaces/default/rolebindings`, { metadata: { name: 'vera-view' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'vera', apiGroup: 'rbac.authorization.k8s.io' }] })).status).toBe(201);
  expect((await post(`${RBAC}/clusterroles`, { metadata: { name: 'impersonate-vera' }, rules: [{ apiGroups: [''], resources: ['users'], verbs: ['impersonate'], resourceNames: ['vera'] }] })).status).toBe(201);
  expect((await post(`${RBAC}/clusterrolebindings`, { metadata: { name: 'bob-impersonates-vera' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'impersonate-vera' }, subjects: [{ kind: 'User', name: 'bob', apiGroup: 'rbac.authorization.k8s.io' }] })).status).toBe(201);
  await new Promise((r) => setTimeout(r, 1100)); // other isolates see new bindings within a second
});
afterAll(async () => {
  kubectl?.close();
  bob?.close();
  await stack?.close();
});

describe('impersonation', () => {
  it('acts as the impersonated user, with its groups', async () => {
    const r = await kubectl.run(['auth', 'whoami', '--as=alice', '--as-group=devs', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout).status.userInfo;
    expect(info.username).toBe('alice');
    expect(info.groups).toEqual(['devs', 'system:authenticated']);
  });

  it('applies RBAC to the impersonated user, worded as upstream', async () => {
    expect((await kubectl.run(['get', 'configmaps', '--as=vera'])).code).toBe(0);
    const del = await kubectl.run(['delete', 'configmap', 'kube-root-ca.crt', '--as=vera']);
    expect(del.code).not.toBe(0);
    expect(del.stderr).toContain('configmaps "kube-root-ca.crt" is forbidden: User "vera" cannot delete resource "configmaps" in API group "" in the namespace "default"');
    const can = await kubectl.run(['auth', 'can-i', 'delete', 'pods', '--as=vera']);
    expect(can.stdout.trim()).toBe('no');
  });

  it('lets a caller impersonate only whom RBAC allows', async () => {
    const ok = await bob.request('GET', '/api/v1/namespaces/default/configmaps', { headers: { 'Impersonate-User': 'vera' } });
    expect(ok.status).toBe(200);
    const refused = await bob.request('GET', '/api/v1/namespaces/default/configmaps', { headers: { 'Impersonate-User': 'admin' } });
    expect(refused.status).toBe(403);
    expect(refused.json.message).toBe('users "admin" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope');
    const group = await bob.request('GET', '/api/v1/namespaces/default/configmaps', { headers: { 'Impersonate-User': 'vera', 'Impersonate-Group': 'system:masters' } });
    expect(group.status).toBe(403);
    expect(group.json.message).toContain('cannot impersonate resource "groups"');
  });

  it('refuses groups without a user', async () => {
    const r = await stack.client.request('GET', '/api/v1/namespaces', { headers: { 'Impersonate-Group': 'devs' } });
    expect(r.status).toBe(400);
    expect(r.json.message).toContain('without impersonating a user');
  });
});
