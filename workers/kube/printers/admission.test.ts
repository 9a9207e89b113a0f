import { describe, expect, it } from 'vitest';
import { validatingAdmissionPolicyBindingPrinter as bindings, validatingAdmissionPolicyPrinter as policies } from './admission';

const now = Date.parse('2026-01-01T00:01:00Z');
const meta = (name: string) => ({ name, creationTimestamp: '2026-01-01T00:00:00Z' });

describe('admission policy printers', () => {
  it('prints the number of validations and the param kind of a policy', () => {
    expect(policies.columns.map((c) => c.name)).toEqual(['Name', 'Validations', 'ParamKind', 'Age']);
    expect(policies.cells({ metadata: meta('p'), spec: { validations: [{ expression: 'true' }, { expression: 'true' }] } }, now)).toEqual(['p', 2, '<unset>', '60s']);
    expect(policies.cells({ metadata: meta('p'), spec: { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' } } }, now)[2]).toBe('v1/ConfigMap');
  });

  it.each([
    { name: 'no paramRef prints <unset>', ref: undefined, want: '<unset>' },
    { name: 'a name with a namespace prints both', ref: { name: 'limits', namespace: 'team' }, want: 'team/limits' },
    { name: 'a name without a namespace prints */name', ref: { name: 'limits' }, want: '*/limits' },
    { name: 'a selector prints the selector', ref: { selector: { matchLabels: { env: 'prod' } } }, want: 'env=prod' },
  ])('$name', ({ ref, want }) => {
    expect(bindings.cells({ metadata: meta('b'), spec: { policyName: 'p', paramRef: ref } }, now)).toEqual(['b', 'p', want, '60s']);
  });
});
