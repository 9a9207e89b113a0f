// RBAC: rule matching, an indexed snapshot that authorizes requests, escalation prevention and the
// bootstrap policy. Pure logic: the API builds a snapshot from stored objects and consults it.
export type { BindingObject, ClusterRoleObject, PolicyRule, RbacAttributes, RbacDecision, RbacUser, RoleObject, RoleRef, Subject } from './types';
export { RBAC_GROUP } from './types';
export { ruleAllows, rulesAllow, verbMatches, apiGroupMatches, resourceMatches, resourceNameMatches, nonResourceURLMatches } from './rule';
export { aggregateClusterRoles, hasAggregationRule, ruleKey } from './aggregate';
export { serviceAccountUsername, serviceAccountGroups } from './subjects';
export { RbacSnapshot, SUPERUSER_GROUP, aggregateErrors, type RbacObjects, type Resolved, type ResolvedRules, type RulesReview, type ResourceRuleInfo } from './snapshot';
export { breakdownRule, ruleCovers, coveringRules, covers, compactRules, compactString } from './covers';
export { onlyGcFieldsChanged } from './gc-fields';
export {
  FULL_AUTHORITY,
  escalationMessage,
  checkEscalation,
  checkRoleEscalation,
  checkBindingEscalation,
  type RoleChange,
  type BindingChange,
} from './escalation';
export { defaultClusterRoles, defaultClusterRoleBindings, type ClusterRoleManifest, type ClusterRoleBindingManifest } from './defaults';
export { BOOTSTRAP_LABEL, AUTOUPDATE_ANNOTATION } from './defaults-build';
