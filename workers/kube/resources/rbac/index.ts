import type { ResourceDef } from '../../registry/types';
import { clusterRoleBinding, roleBinding } from './bindings';
import { clusterRole, role } from './roles';

/** rbac.authorization.k8s.io/v1 resources. */
export const resources: ResourceDef<any>[] = [role, roleBinding, clusterRole, clusterRoleBinding];

export { role, roleBinding, clusterRole, clusterRoleBinding };
