// Defaulting and validation of MatchResources, shared by policies (matchConstraints) and bindings.
import type { FieldErrors } from '../../validation/field-errors';
import type { MatchResources, NamedRule } from './schema';

const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];
const MATCH_POLICIES = ['Equivalent', 'Exact'];
const SELECTOR_OPERATORS = ['DoesNotExist', 'Exists', 'In', 'NotIn'];

export function defaultMatchResources(m: MatchResources) {
  m.namespaceSelector ??= {};
  m.objectSelector ??= {};
  m.matchPolicy ??= 'Equivalent';
  for (const r of [...(m.resourceRules ?? []), ...(m.excludeResourceRules ?? [])]) r.scope ??= '*';
}

function validateRule(r: NamedRule, path: string, errs: FieldErrors) {
  const list = (name: keyof NamedRule) => (r[name] as string[] | undefined) ?? [];
  if (list('operations').length === 0) errs.required(`${path}.operations`);
  list('operations').forEach((op, i) => {
    if (!OPERATIONS.includes(op)) errs.notSupported(`${path}.operations[${i}]`, op, OPERATIONS);
  });
  if (list('operations').length > 1 && list('operations').includes('*')) errs.invalid(`${path}.operations`, list('operations'), "if '*' is present, must not specify other operations");
  if (list('apiGroups').length === 0) errs.required(`${path}.apiGroups`);
  if (list('apiVersions').length === 0) errs.required(`${path}.apiVersions`);
  list('apiVersions').forEach((v, i) => {
    if (v === '') errs.required(`${path}.apiVersions[${i}]`);
  });
  if (list('resources').length === 0) errs.required(`${path}.resources`);
  list('resources').forEach((res, i) => {
    if (res === '') errs.required(`${path}.resources[${i}]`);
    if (res.split('/').length > 2) errs.invalid(`${path}.resources[${i}]`, res, 'must be of the form "resource" or "resource/subresource"');
  });
  if (r.scope !== undefined && !SCOPES.includes(r.scope)) errs.notSupported(`${path}.scope`, r.scope, SCOPES);
}

function validateSelector(sel: MatchResources['namespaceSelector'], path: string, errs: FieldErrors) {
  (sel?.matchExpressions ?? []).forEach((e, i) => {
    if (!SELECTOR_OPERATORS.includes(e.operator)) errs.notSupported(`${path}.matchExpressions[${i}].operator`, e.operator, SELECTOR_OPERATORS);
    const needsValues = e.operator === 'In' || e.operator === 'NotIn';
    if (needsValues && !(e.values ?? []).length) errs.required(`${path}.matchExpressions[${i}].values`, 'must be specified when `operator` is \'In\' or \'NotIn\'');
    if (!needsValues && (e.values ?? []).length) errs.forbidden(`${path}.matchExpressions[${i}].values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
  });
}

/** `rulesRequired`: a policy's matchConstraints needs resourceRules; a binding's matchResources may omit them. */
export function validateMatchResources(m: MatchResources, path: string, errs: FieldErrors, rulesRequired: boolean) {
  if (rulesRequired && !(m.resourceRules ?? []).length) errs.required(`${path}.resourceRules`);
  (m.resourceRules ?? []).forEach((r, i) => validateRule(r, `${path}.resourceRules[${i}]`, errs));
  (m.excludeResourceRules ?? []).forEach((r, i) => validateRule(r, `${path}.excludeResourceRules[${i}]`, errs));
  if (m.matchPolicy !== undefined && !MATCH_POLICIES.includes(m.matchPolicy)) errs.notSupported(`${path}.matchPolicy`, m.matchPolicy, MATCH_POLICIES);
  validateSelector(m.namespaceSelector, `${path}.namespaceSelector`, errs);
  validateSelector(m.objectSelector, `${path}.objectSelector`, errs);
}
