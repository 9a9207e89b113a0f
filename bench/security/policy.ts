// The RBAC load: 1,000 Roles and 1,000 RoleBindings spread over 50 namespaces, 100 ClusterRoleBindings,
// and the bench user's own grant (create pods in the bench namespace) found through a RoleBinding.
import { type Endpoint, call } from '../api/http-client';

const RBAC = 'rbac.authorization.k8s.io';
const JSON_TYPE = { 'Content-Type': 'application/json' };
export const BENCH_NS = 'bench-sec';
export const BENCH_USER = 'bench-user';
export const BENCH_GROUP = 'bench-devs';

export const POLICY_NAMESPACES = 50;
export const ROLES = 1_000;
export const CLUSTER_ROLE_BINDINGS = 100;

async function runLimited(jobs: (() => Promise<unknown>)[], limit: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < jobs.length) await jobs[next++]();
    }),
  );
}

/**
 * A create; a keep-alive socket the server had already closed fails with no response ("socket hang up")
 * and is retried, where 409 then means the first attempt landed after all.
 */
async function post(ep: Endpoint, path: string, body: unknown): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await call(ep, 'POST', path, JSON.stringify(body), JSON_TYPE);
      if (r.status === 201 || (attempt > 0 && r.status === 409)) return;
      throw new Error(`POST ${path} → ${r.status}: ${r.text.slice(0, 300)}`);
    } catch (e) {
      if (attempt >= 3 || !isSocketError(e)) throw e;
    }
  }
}

export const isSocketError = (e: unknown) => e instanceof Error && (e.message === 'socket hang up' || (e as NodeJS.ErrnoException).code === 'ECONNRESET');
const subject = (kind: 'User' | 'Group', name: string) => ({ kind, apiGroup: RBAC, name });

/** The bench namespace and the bench user's grant: a Role allowing pod creation, bound to the user. */
export async function createBenchGrant(ep: Endpoint): Promise<void> {
  await post(ep, '/api/v1/namespaces', { metadata: { name: BENCH_NS } });
  // What the ServiceAccount controller would make (the stack runs without controllers): pods need it.
  await post(ep, `/api/v1/namespaces/${BENCH_NS}/serviceaccounts`, { metadata: { name: 'default' } });
  await post(ep, `/apis/${RBAC}/v1/namespaces/${BENCH_NS}/roles`, {
    metadata: { name: 'pod-creator' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['create', 'get', 'list'] }],
  });
  await post(ep, `/apis/${RBAC}/v1/namespaces/${BENCH_NS}/rolebindings`, {
    metadata: { name: 'bench-user-pods' },
    roleRef: { apiGroup: RBAC, kind: 'Role', name: 'pod-creator' },
    subjects: [subject('User', BENCH_USER)],
  });
}

export interface PolicyObjects {
  namespaces: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  roles: any[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  roleBindings: any[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  clusterRoleBindings: any[];
}

/**
 * Everyone else's policy. Some bindings name the bench user's group (in other namespaces) and some
 * ClusterRoleBindings do too, so the user's lookups visit bindings that do not grant the request.
 */
export function policyObjects(): PolicyObjects {
  const nsName = (i: number) => `team-${String(i % POLICY_NAMESPACES).padStart(2, '0')}`;
  const ids = Array.from({ length: ROLES }, (_, i) => i);
  return {
    namespaces: Array.from({ length: POLICY_NAMESPACES }, (_, i) => nsName(i)),
    roles: ids.map((i) => ({
      metadata: { name: `role-${i}`, namespace: nsName(i) },
      rules: [
        { apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'list'], resourceNames: [`cfg-${i}`] },
        { apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'], verbs: ['get', 'update'] },
      ],
    })),
    roleBindings: ids.map((i) => ({
      metadata: { name: `binding-${i}`, namespace: nsName(i) },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: `role-${i}` },
      subjects: [subject('User', `user-${i}`), subject('Group', i % 10 === 0 ? BENCH_GROUP : `group-${i % 40}`)],
    })),
    clusterRoleBindings: Array.from({ length: CLUSTER_ROLE_BINDINGS }, (_, i) => ({
      metadata: { name: `bench-crb-${i}` },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'view' },
      subjects: [subject('User', `cluster-user-${i}`), subject('Group', i % 20 === 0 ? BENCH_GROUP : `cluster-group-${i}`)],
    })),
  };
}

/** Creates policyObjects() through the API; returns how many objects were written. */
export async function createPolicyLoad(ep: Endpoint, concurrency: number): Promise<number> {
  const p = policyObjects();
  await runLimited(p.namespaces.map((name) => () => post(ep, '/api/v1/namespaces', { metadata: { name } })), concurrency);
  await runLimited(p.roles.map((r) => () => post(ep, `/apis/${RBAC}/v1/namespaces/${r.metadata.namespace}/roles`, r)), concurrency);
  await runLimited(p.roleBindings.map((b) => () => post(ep, `/apis/${RBAC}/v1/namespaces/${b.metadata.namespace}/rolebindings`, b)), concurrency);
  await runLimited(p.clusterRoleBindings.map((b) => () => post(ep, `/apis/${RBAC}/v1/clusterrolebindings`, b)), concurrency);
  return p.namespaces.length + p.roles.length + p.roleBindings.length + p.clusterRoleBindings.length;
}
