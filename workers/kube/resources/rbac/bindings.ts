import type { KObject, ResourceDef } from '../../registry/types';
import type { FieldErrors } from '../../validation/field-errors';
import { pathSegmentName } from '../../validation/names';
import { clusterRoleBindingSchema, roleBindingSchema, type RoleRef, type Subject } from './schema';
import { RBAC_GROUP, defaultBinding, validateRoleRef, validateSubject } from './validate';

type Binding = KObject & { subjects?: Subject[]; roleRef: RoleRef };

// Changing which role a binding grants would silently change its meaning; upstream forces delete + create.
function roleRefUnchanged(obj: Binding, old: Binding, errs: FieldErrors) {
  const a = obj.roleRef;
  const b = old.roleRef;
  if (a.apiGroup !== b.apiGroup || a.kind !== b.kind || a.name !== b.name) errs.invalid('roleRef', a, 'cannot change roleRef');
}

function bindingDef(kind: 'RoleBinding' | 'ClusterRoleBinding'): ResourceDef<Binding> {
  const namespaced = kind === 'RoleBinding';
  const roleKinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  return {
    group: RBAC_GROUP,
    version: 'v1',
    kind,
    plural: `${kind.toLowerCase()}s`,
    singular: kind.toLowerCase(),
    namespaced,
    schema: namespaced ? roleBindingSchema : clusterRoleBindingSchema,
    nameValidator: pathSegmentName,
    generation: 'none',
    defaults: defaultBinding,
    validate(obj, errs) {
      validateRoleRef(obj.roleRef, roleKinds, errs);
      obj.subjects?.forEach((s, i) => validateSubject(s, namespaced, `subjects[${i}]`, errs));
    },
    validateUpdate: roleRefUnchanged,
  };
}

export const roleBinding = bindingDef('RoleBinding');
export const clusterRoleBinding = bindingDef('ClusterRoleBinding');
