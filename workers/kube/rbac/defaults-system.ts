// Roles of the system's own components and of every caller (discovery, health, self-review).
// Rule lists follow upstream's bootstrap policy; the controller manager's is consolidated (see below).
import { READ, clusterRole, eventsRule, rule, urls, type ClusterRoleManifest } from './defaults-build';

const AUTHN = 'authentication.k8s.io';
const AUTHZ = 'authorization.k8s.io';
const CERTS = 'certificates.k8s.io';
const COORD = 'coordination.k8s.io';
const STORAGE = 'storage.k8s.io';

const callerRoles = (): ClusterRoleManifest[] => [
  clusterRole('system:discovery', [
    urls(['get'], ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/']),
  ]),
  clusterRole('system:basic-user', [
    rule(['create'], [AUTHZ], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
    rule(['create'], [AUTHN], ['selfsubjectreviews']),
  ]),
  clusterRole('system:public-info-viewer', [urls(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/'])]),
  clusterRole('system:monitoring', [
    urls(['get'], ['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*']),
  ]),
  clusterRole('system:service-account-issuer-discovery', [urls(['get'], ['/.well-known/openid-configuration', '/openid/v1/jwks'])]),
  clusterRole('system:auth-delegator', [rule(['create'], [AUTHN], ['tokenreviews']), rule(['create'], [AUTHZ], ['subjectaccessreviews'])]),
];

const schedulerRoles = (): ClusterRoleManifest[] => [
  clusterRole('system:kube-scheduler', [
    eventsRule(),
    rule(['create'], [COORD], ['leases']),
    rule(['get', 'update'], [COORD], ['leases'], ['kube-scheduler']),
    rule(READ, [''], ['nodes']),
    rule(['delete', 'get', 'list', 'watch'], [''], ['pods']),
    rule(['create'], [''], ['bindings', 'pods/binding']),
    // Preemption evicts victims through the eviction API (so disruption budgets are honoured).
    rule(['create'], [''], ['pods/eviction']),
    rule(['patch', 'update'], [''], ['pods/status']),
    rule(READ, [''], ['replicationcontrollers', 'services']),
    rule(READ, ['apps', 'extensions'], ['replicasets']),
    rule(READ, ['apps'], ['statefulsets']),
    rule(READ, ['policy'], ['poddisruptionbudgets']),
    rule(READ, [''], ['persistentvolumeclaims', 'persistentvolumes']),
    rule(['create'], [AUTHN], ['tokenreviews']),
    rule(['create'], [AUTHZ], ['subjectaccessreviews']),
    rule(READ, [STORAGE], ['csinodes']),
    rule(READ, [''], ['namespaces']),
    rule(READ, [STORAGE], ['csidrivers']),
    rule(READ, [STORAGE], ['csistoragecapacities']),
  ]),
  clusterRole('system:volume-scheduler', [
    rule(['get', 'list', 'patch', 'update', 'watch'], [''], ['persistentvolumes']),
    rule(READ, [STORAGE], ['storageclasses']),
    rule(['get', 'list', 'patch', 'update', 'watch'], [''], ['persistentvolumeclaims']),
  ]),
];

/**
 * Upstream gives each controller its own service account and role; here the controllers share the
 * controller manager's identity, so its role is the union of what they need. The broad read/modify/delete
 * rule is what the garbage collector, namespace deletion and the status writers need anyway upstream.
 */
const controllerManagerRole = (): ClusterRoleManifest =>
  clusterRole('system:kube-controller-manager', [
    eventsRule(),
    rule(['create'], [COORD], ['leases']),
    rule(['get', 'update'], [COORD], ['leases'], ['kube-controller-manager']),
    rule(['create'], [AUTHN], ['tokenreviews']),
    rule(['create'], [AUTHZ], ['subjectaccessreviews']),
    rule(['delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'], ['*'], ['*']),
    rule(['create'], [''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumes', 'pods', 'secrets', 'serviceaccounts', 'serviceaccounts/token']),
    rule(['create'], ['apps'], ['controllerrevisions', 'replicasets']),
    rule(['create'], ['batch'], ['jobs']),
    rule(['create'], ['discovery.k8s.io'], ['endpointslices']),
    rule(['approve', 'sign'], [CERTS], ['signers'], [
      'kubernetes.io/kube-apiserver-client',
      'kubernetes.io/kube-apiserver-client-kubelet',
      'kubernetes.io/kubelet-serving',
      'kubernetes.io/legacy-unknown',
    ]),
  ]);

// What a kubelet needs. The rules are cluster-wide; a node authorizer is what narrows secrets, configmaps,
// volumes and leases to the node's own pods and lease.
const nodeRoles = (): ClusterRoleManifest[] => [
  clusterRole('system:node', [
    rule(['create'], [AUTHN], ['tokenreviews']),
    rule(['create'], [AUTHZ], ['localsubjectaccessreviews', 'subjectaccessreviews']),
    rule(READ, [''], ['services']),
    rule(['create', 'get', 'list', 'watch'], [''], ['nodes']),
    rule(['patch', 'update'], [''], ['nodes/status']),
    rule(['patch', 'update'], [''], ['nodes']),
    rule(['create', 'patch', 'update'], [''], ['events']),
    rule(READ, [''], ['pods']),
    rule(['create', 'delete'], [''], ['pods']),
    rule(['patch', 'update'], [''], ['pods/status']),
    rule(['create'], [''], ['pods/eviction']),
    rule(READ, [''], ['configmaps', 'secrets']),
    rule(READ, [''], ['persistentvolumeclaims', 'persistentvolumes']),
    rule(['get'], [''], ['endpoints']),
    // The agent also programs Service rules (kube-proxy's job), from EndpointSlices.
    rule(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices']),
    // ...and serves Ingresses (an ingress controller's job; TLS Secrets through the node authorizer).
    rule(['list', 'watch'], ['networking.k8s.io'], ['ingresses', 'ingressclasses']),
    // ...and NetworkPolicies (a CNI policy agent's job), which name pods of any namespace by labels.
    rule(['list', 'watch'], [''], ['namespaces']),
    rule(['list', 'watch'], ['networking.k8s.io'], ['networkpolicies']),
    rule(['create', 'get', 'list', 'watch'], [CERTS], ['certificatesigningrequests']),
    rule(['create', 'delete', 'get', 'patch', 'update'], [COORD], ['leases']),
    rule(['get'], [STORAGE], ['volumeattachments']),
    rule(['create'], [''], ['serviceaccounts/token']),
    rule(['get', 'patch', 'update'], [''], ['persistentvolumeclaims/status']),
    rule(READ, [STORAGE], ['csidrivers']),
    rule(['create', 'delete', 'get', 'patch', 'update'], [STORAGE], ['csinodes']),
    rule(READ, ['node.k8s.io'], ['runtimeclasses']),
  ]),
  clusterRole('system:node-bootstrapper', [
    rule(['create', 'get', 'list', 'watch'], [CERTS], ['certificatesigningrequests']),
    // kubeflare's stand-in for a kubelet client CSR: a bootstrap token is exchanged for a node token.
    rule(['create'], ['kubeflare.dev'], ['nodecredentials']),
  ]),
  clusterRole('system:certificates.k8s.io:certificatesigningrequests:nodeclient', [rule(['create'], [CERTS], ['certificatesigningrequests/nodeclient'])]),
  clusterRole('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [rule(['create'], [CERTS], ['certificatesigningrequests/selfnodeclient'])]),
  clusterRole('system:node-proxier', [
    rule(['list', 'watch'], [''], ['endpoints', 'services']),
    rule(READ, [''], ['nodes']),
    eventsRule(),
    rule(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices']),
  ]),
  clusterRole('system:kube-dns', [rule(['list', 'watch'], [''], ['endpoints', 'services'])]),
];

export function systemClusterRoles(): ClusterRoleManifest[] {
  return [...callerRoles(), ...schedulerRoles(), controllerManagerRole(), ...nodeRoles()];
}
