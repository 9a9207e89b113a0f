// The policy the RBAC matrix test installs: identities of every kind (users in groups, ServiceAccounts,
// subjects known only through a group) and roles exercising each matching rule upstream documents.
const RBAC = 'rbac.authorization.k8s.io';

export const NAMESPACES = ['ns-a', 'ns-b'];
export const SERVICE_ACCOUNTS = [
  { namespace: 'ns-a', name: 'builder' },
  { namespace: 'ns-b', name: 'runner' },
];

/** How a test request proves the identity: a stored bearer token, a ServiceAccount token, or impersonation by the admin. */
export type Credential = { kind: 'token' } | { kind: 'serviceaccount'; namespace: string; name: string } | { kind: 'impersonate' };

export interface Identity {
  name: string;
  /** Groups as the authenticator reports them, so a SubjectAccessReview asks about exactly this user. */
  groups: string[];
  credential: Credential;
  /** Groups stored with the token, or requested by impersonation (system:authenticated is added by the server). */
  ownGroups: string[];
}

const AUTH = 'system:authenticated';
const user = (name: string, groups: string[], credential: Credential = { kind: 'token' }): Identity => ({ name, groups: [...groups, AUTH], ownGroups: groups, credential });
const sa = (namespace: string, name: string): Identity => ({
  name: `system:serviceaccount:${namespace}:${name}`,
  groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, AUTH],
  ownGroups: [],
  credential: { kind: 'serviceaccount', namespace, name },
});

export const IDENTITIES: Identity[] = [
  user('alice', ['dev-team']),
  user('bob', ['ops']),
  user('carol', ['auditors'], { kind: 'impersonate' }),
  user('gina', ['viewers'], { kind: 'impersonate' }),
  sa('ns-a', 'builder'),
  sa('ns-b', 'runner'),
  user('dave', []),
  user('erin', []),
  user('frank', ['url-readers'], { kind: 'impersonate' }),
  user('nobody', []),
];

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]) => ({ verbs, apiGroups, resources, ...(resourceNames ? { resourceNames } : {}) });
const urls = (verbs: string[], nonResourceURLs: string[]) => ({ verbs, nonResourceURLs });
const role = (namespace: string, name: string, rules: object[]) => ({ apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: { namespace, name }, rules });
const clusterRole = (name: string, rules: object[], labels?: Record<string, string>) => ({ apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name, ...(labels ? { labels } : {}) }, rules });
type Subj = { kind: string; name: string; namespace?: string };
const subject = (s: Subj) => (s.kind === 'ServiceAccount' ? s : { ...s, apiGroup: RBAC });
const roleBinding = (namespace: string, name: string, ref: { kind: string; name: string }, subjects: Subj[]) => ({
  apiVersion: `${RBAC}/v1`,
  kind: 'RoleBinding',
  metadata: { namespace, name },
  roleRef: { apiGroup: RBAC, ...ref },
  subjects: subjects.map(subject),
});
const clusterRoleBinding = (name: string, ref: string, subjects: Subj[]) => ({
  apiVersion: `${RBAC}/v1`,
  kind: 'ClusterRoleBinding',
  metadata: { name },
  roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: ref },
  subjects: subjects.map(subject),
});
const AGG = 'example.com/aggregate-to-audit';

export const ROLES = [
  role('ns-a', 'pod-reader', [rule(['get', 'list', 'watch'], [''], ['pods', 'pods/log'])]),
  role('ns-a', 'builder', [rule(['*'], [''], ['pods', 'pods/exec']), rule(['create'], ['*'], ['deployments'])]),
  role('ns-b', 'status-patcher', [rule(['patch', 'update'], [''], ['pods/status']), rule(['get'], ['batch'], ['jobs/status'])]),
];

export const CLUSTER_ROLES = [
  clusterRole('deploy-scaler', [rule(['get', 'update', 'patch'], ['apps'], ['deployments/scale']), rule(['get', 'list'], ['apps'], ['deployments'])]),
  clusterRole('node-watcher', [rule(['get', 'list', 'watch'], [''], ['nodes']), urls(['get'], ['/metrics', '/logs/*'])]),
  // Aggregated: gathers the two labelled roles below, not the one labelled "false".
  { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'audit-aggregate' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGG]: 'true' } }] }, rules: [] },
  clusterRole('audit-secrets', [rule(['get', 'list', 'watch'], [''], ['secrets'], ['special'])], { [AGG]: 'true' }),
  clusterRole('audit-configmaps', [rule(['list', 'watch'], [''], ['configmaps'])], { [AGG]: 'true' }),
  clusterRole('audit-unlabelled', [rule(['delete'], ['*'], ['*'])], { [AGG]: 'false' }),
  clusterRole('cm-editor', [rule(['create', 'update', 'patch', 'delete'], [''], ['configmaps'])]),
  // `*/status` for any group; `*` narrowed by a name; `pods/*` is no wildcard (it names a subresource "*").
  clusterRole('wildcard-status', [rule(['update', 'patch'], ['*'], ['*/status']), rule(['get'], ['*'], ['*'], ['special']), rule(['get'], [''], ['pods/*'])]),
  // Bound by a RoleBinding: its URLs then grant nothing (non-resource requests have no namespace).
  clusterRole('url-reader', [urls(['get'], ['/apis/*', '/version']), rule(['list'], ['example.com'], ['widgets'])]),
  clusterRole('url-prefix', [urls(['get', 'post'], ['/logs/*', '/healthz/ready'])]),
];

export const ROLE_BINDINGS = [
  roleBinding('ns-a', 'alice-pod-reader', { kind: 'Role', name: 'pod-reader' }, [{ kind: 'User', name: 'alice' }]),
  // A ServiceAccount subject without a namespace takes the binding's.
  roleBinding('ns-a', 'builder', { kind: 'Role', name: 'builder' }, [{ kind: 'ServiceAccount', name: 'builder' }]),
  roleBinding('ns-a', 'dave-status', { kind: 'ClusterRole', name: 'wildcard-status' }, [{ kind: 'User', name: 'dave' }]),
  roleBinding('ns-a', 'erin-ghost', { kind: 'ClusterRole', name: 'ghost' }, [{ kind: 'User', name: 'erin' }]),
  roleBinding('ns-a', 'erin-reader', { kind: 'Role', name: 'pod-reader' }, [{ kind: 'User', name: 'erin' }]),
  roleBinding('ns-b', 'dev-team-scaler', { kind: 'ClusterRole', name: 'deploy-scaler' }, [{ kind: 'Group', name: 'dev-team' }]),
  roleBinding('ns-b', 'sa-status', { kind: 'Role', name: 'status-patcher' }, [{ kind: 'Group', name: 'system:serviceaccounts:ns-b' }]),
  roleBinding('ns-b', 'viewers-view', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'Group', name: 'viewers' }]),
  roleBinding('ns-b', 'url-readers', { kind: 'ClusterRole', name: 'url-reader' }, [{ kind: 'Group', name: 'url-readers' }]),
  // A user subject spelled as a ServiceAccount's user name matches that ServiceAccount.
  roleBinding('ns-b', 'builder-by-name', { kind: 'ClusterRole', name: 'deploy-scaler' }, [{ kind: 'User', name: 'system:serviceaccount:ns-a:builder' }]),
];

export const CLUSTER_ROLE_BINDINGS = [
  clusterRoleBinding('matrix-ops-nodes', 'node-watcher', [{ kind: 'Group', name: 'ops' }]),
  clusterRoleBinding('matrix-auditors', 'audit-aggregate', [{ kind: 'Group', name: 'auditors' }]),
  clusterRoleBinding('matrix-runner-cm', 'cm-editor', [{ kind: 'ServiceAccount', name: 'runner', namespace: 'ns-b' }]),
  clusterRoleBinding('matrix-frank-urls', 'url-prefix', [{ kind: 'User', name: 'frank' }]),
];
