// Builders for tests: RBAC objects as the store holds them, and identities as the authenticator makes them.
import { serviceAccountGroups, serviceAccountUsername } from './subjects';
import { RBAC_GROUP, type BindingObject, type ClusterRoleObject, type PolicyRule, type RbacUser, type RoleObject, type Subject } from './types';

export const role = (namespace: string, name: string, rules: PolicyRule[]): RoleObject => ({ metadata: { name, namespace }, rules });

export function clusterRole(name: string, rules: PolicyRule[], opts: { labels?: Record<string, string>; aggregateFrom?: Record<string, string>[] } = {}): ClusterRoleObject {
  const r: ClusterRoleObject = { metadata: { name, labels: opts.labels }, rules };
  if (opts.aggregateFrom) r.aggregationRule = { clusterRoleSelectors: opts.aggregateFrom.map((matchLabels) => ({ matchLabels })) };
  return r;
}

export const User = (name: string): Subject => ({ kind: 'User', apiGroup: RBAC_GROUP, name });
export const Group = (name: string): Subject => ({ kind: 'Group', apiGroup: RBAC_GROUP, name });
export const SA = (name: string, namespace?: string): Subject => ({ kind: 'ServiceAccount', apiGroup: '', name, ...(namespace ? { namespace } : {}) });

/** `ref` is `Role:name` or `ClusterRole:name` (the name may itself contain colons). */
function roleRef(ref: string) {
  const i = ref.indexOf(':');
  return { apiGroup: RBAC_GROUP, kind: ref.slice(0, i), name: ref.slice(i + 1) };
}

export const roleBinding = (namespace: string, name: string, ref: string, subjects: Subject[]): BindingObject => ({
  metadata: { name, namespace },
  roleRef: roleRef(ref),
  subjects,
});

export const clusterRoleBinding = (name: string, ref: string, subjects: Subject[]): BindingObject => ({
  metadata: { name },
  roleRef: roleRef(ref),
  subjects,
});

export const person = (name: string, ...groups: string[]): RbacUser => ({ name, groups: [...groups, 'system:authenticated'] });

export const serviceAccount = (namespace: string, name: string): RbacUser => ({
  name: serviceAccountUsername(namespace, name),
  groups: [...serviceAccountGroups(namespace), 'system:authenticated'],
});

export const anonymous: RbacUser = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

export const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule =>
  resourceNames ? { verbs, apiGroups, resources, resourceNames } : { verbs, apiGroups, resources };
