// admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy: defaulting and validation, including
// compiling every CEL expression so a bad one is refused at create/update with its field path.
import type { ResourceDef } from '../../registry/types';
import { compile } from '../../admission/validatingpolicy/cel';
import type { Policy } from '../../admission/validatingpolicy/types';
import type { FieldErrors } from '../../validation/field-errors';
import { qualifiedName } from '../../validation/names';
import { defaultMatchResources, validateMatchResources } from './match-resources';
import { policySchema } from './schema';

const FAILURE_POLICIES = ['Fail', 'Ignore'];
const REASONS = ['Forbidden', 'Invalid', 'RequestEntityTooLarge', 'Unauthorized'];
const CEL_IDENTIFIER = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
const MAX_MATCH_CONDITIONS = 64;

function expression(value: string | undefined, path: string, errs: FieldErrors, want?: 'bool' | 'string') {
  if (!value) return errs.required(path);
  const c = compile(value, want);
  if (!c.ok) errs.invalid(path, value, `compilation failed: ${c.message}`);
}

function validateSpec(p: Policy, errs: FieldErrors) {
  const spec = p.spec ?? {};
  if (spec.failurePolicy !== undefined && !FAILURE_POLICIES.includes(spec.failurePolicy)) errs.notSupported('spec.failurePolicy', spec.failurePolicy, FAILURE_POLICIES);
  if (spec.paramKind) {
    if (!spec.paramKind.apiVersion) errs.required('spec.paramKind.apiVersion');
    else if (spec.paramKind.apiVersion.split('/').length > 2) errs.invalid('spec.paramKind.apiVersion', spec.paramKind.apiVersion, 'an apiVersion must be of the form "group/version" or "version"');
    if (!spec.paramKind.kind) errs.required('spec.paramKind.kind');
  }
  if (!spec.matchConstraints) errs.required('spec.matchConstraints');
  else validateMatchResources(spec.matchConstraints, 'spec.matchConstraints', errs, true);
  if (!(spec.validations ?? []).length && !(spec.auditAnnotations ?? []).length) {
    errs.required('spec.validations', 'validations or auditAnnotations must contain at least one item');
  }
  (spec.validations ?? []).forEach((v, i) => {
    const at = `spec.validations[${i}]`;
    expression(v.expression, `${at}.expression`, errs, 'bool');
    if (v.message !== undefined) {
      if (v.message.trim() === '' && v.message !== '') errs.invalid(`${at}.message`, v.message, 'message must be non-empty if specified');
      if (v.message.includes('\n')) errs.invalid(`${at}.message`, v.message, 'message must not contain line breaks');
    }
    if (v.messageExpression !== undefined) {
      if (v.messageExpression.trim() === '') errs.required(`${at}.messageExpression`, 'messageExpression must be non-empty if specified');
      else expression(v.messageExpression, `${at}.messageExpression`, errs, 'string');
    }
    if (v.reason !== undefined && !REASONS.includes(v.reason)) errs.notSupported(`${at}.reason`, v.reason, REASONS);
  });
  const keys = new Set<string>();
  (spec.auditAnnotations ?? []).forEach((a, i) => {
    const at = `spec.auditAnnotations[${i}]`;
    if (!a.key) errs.required(`${at}.key`);
    else {
      // The recorded key is "<policy name>/<key>": it must be a qualified name.
      for (const msg of qualifiedName(`${p.metadata.name ?? ''}/${a.key}`)) errs.invalid(`${at}.key`, a.key, msg);
      if (keys.has(a.key)) errs.duplicate(`${at}.key`, a.key);
      keys.add(a.key);
    }
    expression(a.valueExpression, `${at}.valueExpression`, errs);
  });
  const conditions = spec.matchConditions ?? [];
  if (conditions.length > MAX_MATCH_CONDITIONS) errs.tooLong('spec.matchConditions', MAX_MATCH_CONDITIONS);
  const names = new Set<string>();
  conditions.forEach((m, i) => {
    const at = `spec.matchConditions[${i}]`;
    if (!m.name) errs.required(`${at}.name`);
    else {
      for (const msg of qualifiedName(m.name)) errs.invalid(`${at}.name`, m.name, msg);
      if (names.has(m.name)) errs.duplicate(`${at}.name`, m.name);
      names.add(m.name);
    }
    expression(m.expression, `${at}.expression`, errs, 'bool');
  });
  (spec.variables ?? []).forEach((v, i) => {
    const at = `spec.variables[${i}]`;
    if (!v.name) errs.required(`${at}.name`);
    else if (!CEL_IDENTIFIER.test(v.name)) errs.invalid(`${at}.name`, v.name, 'name is not a valid CEL identifier');
    expression(v.expression, `${at}.expression`, errs);
  });
}

export const validatingAdmissionPolicy: ResourceDef<Policy> = {
  group: 'admissionregistration.k8s.io',
  version: 'v1',
  kind: 'ValidatingAdmissionPolicy',
  plural: 'validatingadmissionpolicies',
  singular: 'validatingadmissionpolicy',
  namespaced: false,
  categories: ['api-extensions'],
  schema: policySchema,
  generation: 'spec',
  status: true,
  defaults(obj) {
    const spec = (obj.spec ??= {});
    spec.failurePolicy ??= 'Fail';
    if (spec.matchConstraints) defaultMatchResources(spec.matchConstraints);
  },
  validate: validateSpec,
};
