// A user with its own token, allowed `rules` in one namespace through a Role and RoleBinding named after it.
import { expect } from 'vitest';
import { registerToken } from '../local/tokens';
import { ApiClient, type TestStack } from './harness';

export async function namespacedUser(stack: TestStack, user: string, namespace: string, rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[]): Promise<ApiClient> {
  const db = await stack.mf.getD1Database('DB', 'kubeflare-api');
  await registerToken(db as never, `${user}-token`, user, [], 'test');
  const rbac = `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}`;
  expect((await stack.client.post(`${rbac}/roles`, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: user }, rules })).status).toBe(201);
  const binding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: user },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: user },
    subjects: [{ kind: 'User', name: user, apiGroup: 'rbac.authorization.k8s.io' }],
  };
  expect((await stack.client.post(`${rbac}/rolebindings`, binding)).status).toBe(201);
  await new Promise((r) => setTimeout(r, 1100)); // other isolates see new bindings within a second
  return new ApiClient(stack.url, `${user}-token`, stack.caPem);
}
