// The policy created on first start (and re-applied when the autoupdate annotation is "true").
import { clusterRoleBinding, group, user, type ClusterRoleBindingManifest, type ClusterRoleManifest } from './defaults-build';
import { systemClusterRoles } from './defaults-system';
import { userFacingClusterRoles } from './defaults-user';

export type { ClusterRoleBindingManifest, ClusterRoleManifest };

/** Fresh objects each call, sorted by name, ready to store. Aggregated roles carry no rules of their own. */
export function defaultClusterRoles(): ClusterRoleManifest[] {
  return [...userFacingClusterRoles(), ...systemClusterRoles()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

export function defaultClusterRoleBindings(): ClusterRoleBindingManifest[] {
  return [
    clusterRoleBinding('cluster-admin', [group('system:masters')]),
    clusterRoleBinding('system:basic-user', [group('system:authenticated')]),
    clusterRoleBinding('system:discovery', [group('system:authenticated')]),
    clusterRoleBinding('system:public-info-viewer', [group('system:authenticated'), group('system:unauthenticated')]),
    clusterRoleBinding('system:monitoring', [group('system:monitoring')]),
    clusterRoleBinding('system:service-account-issuer-discovery', [group('system:serviceaccounts')]),
    clusterRoleBinding('system:kube-scheduler', [user('system:kube-scheduler')]),
    clusterRoleBinding('system:volume-scheduler', [user('system:kube-scheduler')]),
    clusterRoleBinding('system:kube-controller-manager', [user('system:kube-controller-manager')]),
    clusterRoleBinding('system:kube-dns', [{ kind: 'ServiceAccount', apiGroup: '', name: 'kube-dns', namespace: 'kube-system' }]),
    clusterRoleBinding('system:node-proxier', [user('system:kube-proxy')]),
    // Upstream leaves this binding empty and relies on its node authorizer; here nodes get the role by group.
    clusterRoleBinding('system:node', [group('system:nodes')]),
    // kubeadm binds this to its token's extra group; every bootstrap token carries system:bootstrappers.
    clusterRoleBinding('system:node-bootstrapper', [group('system:bootstrappers')]),
  ];
}
