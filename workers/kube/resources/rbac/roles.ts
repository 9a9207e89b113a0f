import type { KObject, ResourceDef } from '../../registry/types';
import { pathSegmentName } from '../../validation/names';
import { validateLabelSelector } from '../networking/selector';
import { clusterRoleSchema, roleSchema, type PolicyRule } from './schema';
import { RBAC_GROUP, validateRules } from './validate';
import type { LabelSelector } from '../../schemas/meta';

type Role = KObject & { rules?: PolicyRule[] };
type ClusterRole = Role & { aggregationRule?: { clusterRoleSelectors?: LabelSelector[] } };

export const role: ResourceDef<Role> = {
  group: RBAC_GROUP,
  version: 'v1',
  kind: 'Role',
  plural: 'roles',
  singular: 'role',
  namespaced: true,
  schema: roleSchema,
  nameValidator: pathSegmentName,
  generation: 'none',
  validate(obj, errs) {
    validateRules(obj.rules, true, errs);
  },
};

export const clusterRole: ResourceDef<ClusterRole> = {
  group: RBAC_GROUP,
  version: 'v1',
  kind: 'ClusterRole',
  plural: 'clusterroles',
  singular: 'clusterrole',
  namespaced: false,
  schema: clusterRoleSchema,
  nameValidator: pathSegmentName,
  generation: 'none',
  validate(obj, errs) {
    validateRules(obj.rules, false, errs);
    const agg = obj.aggregationRule;
    if (!agg) return;
    if (!agg.clusterRoleSelectors?.length)
      errs.required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil');
    agg.clusterRoleSelectors?.forEach((s, i) => validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`, errs));
  },
};
