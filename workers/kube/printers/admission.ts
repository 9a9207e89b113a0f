// ValidatingAdmissionPolicies and their bindings, with upstream's columns.
import type { Binding, Policy } from '../admission/validatingpolicy/types';
import { formatLabelSelector, selectorFromLabelSelector } from '../selectors/labels';
import { AGE, NAME, col } from './columns';
import { since } from './duration';
import type { Printer } from './types';

export const validatingAdmissionPolicyPrinter: Printer<Policy> = {
  columns: [
    NAME,
    col('Validations', 'Number of validation rules of the policy.', { type: 'integer' }),
    col('ParamKind', 'Kind of the resources that parameterize the policy.'),
    AGE,
  ],
  cells: (o, now) => {
    const pk = o.spec?.paramKind;
    return [o.metadata.name ?? '', o.spec?.validations?.length ?? 0, pk ? `${pk.apiVersion ?? ''}/${pk.kind ?? ''}` : '<unset>', since(o.metadata.creationTimestamp, now)];
  },
};

function paramRefText(b: Binding): string {
  const ref = b.spec?.paramRef;
  if (!ref) return '<unset>';
  // A name without a namespace may be cluster-scoped or the request's namespace: upstream prints "*/".
  if (ref.name) return `${ref.namespace || '*'}/${ref.name}`;
  if (ref.selector) return formatLabelSelector(selectorFromLabelSelector(ref.selector));
  return '<unset>';
}

export const validatingAdmissionPolicyBindingPrinter: Printer<Binding> = {
  columns: [NAME, col('PolicyName', 'The policy bound.'), col('ParamRef', 'Where the parameters come from.'), AGE],
  cells: (o, now) => [o.metadata.name ?? '', o.spec?.policyName ?? '', paramRefText(o), since(o.metadata.creationTimestamp, now)],
};
