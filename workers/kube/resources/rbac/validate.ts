// RBAC semantic checks, worded as upstream's rbac validation.
import type { FieldErrors } from '../../validation/field-errors';
import { dns1123Subdomain, pathSegmentName } from '../../validation/names';
import type { PolicyRule, RoleRef, Subject } from './schema';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function validateRules(rules: PolicyRule[] | undefined, namespaced: boolean, errs: FieldErrors) {
  rules?.forEach((r, i) => {
    const p = `rules[${i}]`;
    if (!r.verbs?.length) errs.required(`${p}.verbs`, 'verbs must contain at least one value');
    if (r.nonResourceURLs?.length) {
      if (namespaced) errs.invalid(`${p}.nonResourceURLs`, r.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs');
      if (r.apiGroups?.length || r.resources?.length || r.resourceNames?.length)
        errs.invalid(`${p}.nonResourceURLs`, r.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs');
      return;
    }
    if (!r.apiGroups?.length) errs.required(`${p}.apiGroups`, 'resource rules must supply at least one api group');
    if (!r.resources?.length) errs.required(`${p}.resources`, 'resource rules must supply at least one resource');
  });
}

/** `namespaced` is true for RoleBindings, where a ServiceAccount subject may omit its namespace. */
export function validateSubject(s: Subject, namespaced: boolean, path: string, errs: FieldErrors) {
  if (!s.name) errs.required(`${path}.name`);
  const group = s.apiGroup ?? '';
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name) for (const m of dns1123Subdomain(s.name)) errs.invalid(`${path}.name`, s.name, m);
      if (group !== '') errs.notSupported(`${path}.apiGroup`, group, ['']);
      if (!namespaced && !s.namespace) errs.required(`${path}.namespace`);
      break;
    case 'User':
    case 'Group':
      if (group !== RBAC_GROUP) errs.notSupported(`${path}.apiGroup`, group, [RBAC_GROUP]);
      break;
    default:
      errs.notSupported(`${path}.kind`, s.kind, ['ServiceAccount', 'User', 'Group']);
  }
}

export function validateRoleRef(ref: RoleRef, kinds: string[], errs: FieldErrors) {
  if (ref.apiGroup !== RBAC_GROUP) errs.notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]);
  if (!kinds.includes(ref.kind)) errs.notSupported('roleRef.kind', ref.kind, kinds);
  if (!ref.name) errs.required('roleRef.name');
  else for (const m of pathSegmentName(ref.name)) errs.invalid('roleRef.name', ref.name, m);
}

/** Subjects' apiGroup follows from their kind; bindings always point into the RBAC group. */
export function defaultBinding(obj: { subjects?: Subject[]; roleRef?: RoleRef }) {
  // roleRef may be missing here: it is then reported as required, after defaulting.
  if (obj.roleRef && !obj.roleRef.apiGroup) obj.roleRef.apiGroup = RBAC_GROUP;
  for (const s of obj.subjects ?? []) {
    if (s.apiGroup) continue;
    if (s.kind === 'ServiceAccount') s.apiGroup = '';
    else if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP;
  }
}
