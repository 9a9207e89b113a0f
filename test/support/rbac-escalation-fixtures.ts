// Escalation attempts' policy: mallory may write roles and bindings in `esc` but holds little; trent holds
// the same plus `escalate` on roles there and `bind` on the cluster-admin ClusterRole there.
export const ESC = 'esc';
const RBAC = 'rbac.authorization.k8s.io';
const rbac = (kind: string, metadata: object, rest: object) => ({ apiVersion: `${RBAC}/v1`, kind, metadata, ...rest });
const users = (...names: string[]) => names.map((name) => ({ kind: 'User', apiGroup: RBAC, name }));

export const ESC_POLICY: [string, object][] = [
  [
    `/apis/${RBAC}/v1/namespaces/${ESC}/roles`,
    rbac('Role', { name: 'rbac-writer' }, {
      rules: [
        { apiGroups: [RBAC], resources: ['roles', 'rolebindings'], verbs: ['create', 'update', 'patch', 'get', 'list'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['app-config'] },
      ],
    }),
  ],
  [`/apis/${RBAC}/v1/clusterroles`, rbac('ClusterRole', { name: 'esc-cr-writer' }, { rules: [{ apiGroups: [RBAC], resources: ['clusterroles', 'clusterrolebindings'], verbs: ['create', 'update', 'patch', 'get'] }] })],
  [`/apis/${RBAC}/v1/clusterroles`, rbac('ClusterRole', { name: 'esc-pod-lister' }, { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] })],
  [
    `/apis/${RBAC}/v1/clusterroles`,
    rbac('ClusterRole', { name: 'esc-escalator' }, {
      rules: [
        { apiGroups: [RBAC], resources: ['roles'], verbs: ['escalate'] },
        { apiGroups: [RBAC], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['cluster-admin'] },
      ],
    }),
  ],
  [`/apis/${RBAC}/v1/clusterrolebindings`, rbac('ClusterRoleBinding', { name: 'esc-cr-writers' }, { roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'esc-cr-writer' }, subjects: users('mallory', 'trent') })],
  [`/apis/${RBAC}/v1/namespaces/${ESC}/rolebindings`, rbac('RoleBinding', { name: 'writers' }, { roleRef: { apiGroup: RBAC, kind: 'Role', name: 'rbac-writer' }, subjects: users('mallory', 'trent') })],
  [`/apis/${RBAC}/v1/namespaces/${ESC}/rolebindings`, rbac('RoleBinding', { name: 'trent-escalates' }, { roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'esc-escalator' }, subjects: users('trent') })],
];

export const role = (name: string, rules: object[], labels?: Record<string, string>) => rbac('Role', { name, ...(labels ? { labels } : {}) }, { rules });
export const clusterRole = (name: string, rules: object[], extra: object = {}, labels?: Record<string, string>) =>
  rbac('ClusterRole', { name, ...(labels ? { labels } : {}) }, { rules, ...extra });
export const roleBinding = (name: string, kind: string, ref: string, subject: string) =>
  rbac('RoleBinding', { name }, { roleRef: { apiGroup: RBAC, kind, name: ref }, subjects: users(subject) });
export const clusterRoleBinding = (name: string, ref: string, subject: string) =>
  rbac('ClusterRoleBinding', { name }, { roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: ref }, subjects: users(subject) });
