// The RBAC decision itself, in process: how long building the snapshot takes and what one decision
// costs with the default policy only and with the 1,000-role load, for the bench user's create (found
// through a RoleBinding after visiting the bindings of its groups). Separates RBAC's own cost from
// everything else a request pays on the shared machine.
import { RbacSnapshot, defaultClusterRoleBindings, defaultClusterRoles } from '../../workers/kube/rbac';
import { BENCH_GROUP, BENCH_NS, BENCH_USER, policyObjects } from './policy';

export interface SnapshotCost {
  objects: number;
  buildMs: number;
  decisionMicros: number;
  allowed: boolean;
}

const GRANT = {
  roles: [{ metadata: { name: 'pod-creator', namespace: BENCH_NS }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['create', 'get', 'list'] }] }],
  roleBindings: [
    {
      metadata: { name: 'bench-user-pods', namespace: BENCH_NS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-creator' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: BENCH_USER }],
    },
  ],
};

export function snapshotCost(withLoad: boolean, decisions = 200_000): SnapshotCost {
  const load = withLoad ? policyObjects() : { roles: [], roleBindings: [], clusterRoleBindings: [] };
  const objs = {
    clusterRoles: defaultClusterRoles(),
    clusterRoleBindings: [...defaultClusterRoleBindings(), ...load.clusterRoleBindings],
    roles: [...GRANT.roles, ...load.roles],
    roleBindings: [...GRANT.roleBindings, ...load.roleBindings],
  };
  // Built from JSON text, as the API builds it from D1 rows.
  const text = JSON.stringify(objs);
  const t0 = performance.now();
  const snap = new RbacSnapshot(JSON.parse(text));
  const buildMs = performance.now() - t0;
  const user = { name: BENCH_USER, groups: [BENCH_GROUP, 'system:authenticated'] };
  const attrs = { verb: 'create', group: '', resource: 'pods', namespace: BENCH_NS };
  let allowed = true;
  const t1 = performance.now();
  for (let i = 0; i < decisions; i++) allowed = snap.authorize(user, attrs).allowed && allowed;
  const decisionMicros = ((performance.now() - t1) * 1000) / decisions;
  const objects = objs.clusterRoles.length + objs.clusterRoleBindings.length + objs.roles.length + objs.roleBindings.length;
  return { objects, buildMs, decisionMicros, allowed };
}
