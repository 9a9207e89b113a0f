// admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBinding: defaulting and validation.
import type { ResourceDef } from '../../registry/types';
import type { Binding } from '../../admission/validatingpolicy/types';
import type { FieldErrors } from '../../validation/field-errors';
import { defaultMatchResources, validateMatchResources } from './match-resources';
import { bindingSchema } from './schema';

const ACTIONS = ['Audit', 'Deny', 'Warn'];
const NOT_FOUND_ACTIONS = ['Allow', 'Deny'];

function validateSpec(b: Binding, errs: FieldErrors) {
  const spec = b.spec ?? {};
  if (!spec.policyName) errs.required('spec.policyName');
  const actions = spec.validationActions ?? [];
  if (actions.length === 0) errs.required('spec.validationActions');
  const seen = new Set<string>();
  actions.forEach((a, i) => {
    if (seen.has(a)) errs.duplicate(`spec.validationActions[${i}]`, a);
    seen.add(a);
    if (!ACTIONS.includes(a)) errs.notSupported(`spec.validationActions[${i}]`, a, ACTIONS);
  });
  if (seen.has('Deny') && seen.has('Warn')) errs.invalid('spec.validationActions', actions, 'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)');
  const ref = spec.paramRef;
  if (ref) {
    if (ref.name && ref.selector) errs.forbidden('spec.paramRef.name', 'name and selector are mutually exclusive');
    if (!ref.name && !ref.selector) errs.required('spec.paramRef', 'one of name or selector must be specified');
    if (ref.parameterNotFoundAction !== undefined && !NOT_FOUND_ACTIONS.includes(ref.parameterNotFoundAction)) {
      errs.notSupported('spec.paramRef.parameterNotFoundAction', ref.parameterNotFoundAction, NOT_FOUND_ACTIONS);
    }
  }
  if (spec.matchResources) validateMatchResources(spec.matchResources, 'spec.matchResources', errs, false);
}

export const validatingAdmissionPolicyBinding: ResourceDef<Binding> = {
  group: 'admissionregistration.k8s.io',
  version: 'v1',
  kind: 'ValidatingAdmissionPolicyBinding',
  plural: 'validatingadmissionpolicybindings',
  singular: 'validatingadmissionpolicybinding',
  namespaced: false,
  categories: ['api-extensions'],
  schema: bindingSchema,
  generation: 'spec',
  defaults(obj) {
    const spec = (obj.spec ??= {});
    if (spec.paramRef) spec.paramRef.parameterNotFoundAction ??= 'Deny';
    if (spec.matchResources) defaultMatchResources(spec.matchResources);
  },
  validate: validateSpec,
};
