// The user-facing roles: cluster-admin, and admin / edit / view built by aggregation. view feeds edit
// (view is labelled aggregate-to-edit) and edit feeds admin, so each includes the one below it; the
// rules themselves live in system:aggregate-to-{view,edit,admin}, as upstream lists them.
import { READ, READ_WRITE, WRITE, clusterRole, rule, urls, type ClusterRoleManifest } from './defaults-build';

const TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
const TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
const TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

const viewRules = () => [
  rule(READ, [''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status']),
  rule(READ, [''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status']),
  rule(READ, [''], ['namespaces']),
  rule(READ, ['discovery.k8s.io'], ['endpointslices']),
  rule(READ, ['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status']),
  rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
  rule(READ, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
  rule(READ, ['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale']),
  rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
  rule(READ, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
];

// Secrets, exec/attach/port-forward and impersonating service accounts are here, not in view: each lets a
// holder act with more than read access.
const editRules = () => [
  rule(READ, [''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy']),
  rule(['impersonate'], [''], ['serviceaccounts']),
  rule(WRITE, [''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
  rule(['create'], [''], ['pods/eviction']),
  rule(WRITE, [''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy']),
  rule(['create'], [''], ['serviceaccounts/token']),
  rule(WRITE, ['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale']),
  rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
  rule(WRITE, ['batch'], ['cronjobs', 'jobs']),
  rule(WRITE, ['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale']),
  rule(WRITE, ['policy'], ['poddisruptionbudgets']),
  rule(WRITE, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
  rule(READ_WRITE, ['coordination.k8s.io'], ['leases']),
];

// What makes admin more than edit: granting access within the namespace.
const adminRules = () => [
  rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
  rule(READ_WRITE, ['rbac.authorization.k8s.io'], ['rolebindings', 'roles']),
];

export function userFacingClusterRoles(): ClusterRoleManifest[] {
  return [
    clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])]),
    clusterRole('admin', [], { aggregateFrom: TO_ADMIN }),
    clusterRole('edit', [], { aggregateFrom: TO_EDIT, labels: { [TO_ADMIN]: 'true' } }),
    clusterRole('view', [], { aggregateFrom: TO_VIEW, labels: { [TO_EDIT]: 'true' } }),
    clusterRole('system:aggregate-to-admin', adminRules(), { labels: { [TO_ADMIN]: 'true' } }),
    clusterRole('system:aggregate-to-edit', editRules(), { labels: { [TO_EDIT]: 'true' } }),
    clusterRole('system:aggregate-to-view', viewRules(), { labels: { [TO_VIEW]: 'true' } }),
    // As metrics-server installs it: whoever may view a namespace may also `kubectl top` it.
    clusterRole('system:aggregated-metrics-reader', [rule(READ, ['metrics.k8s.io'], ['nodes', 'pods'])], { labels: { [TO_ADMIN]: 'true', [TO_EDIT]: 'true', [TO_VIEW]: 'true' } }),
  ];
}
