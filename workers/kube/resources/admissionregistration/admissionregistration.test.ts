import { describe, expect, it } from 'vitest';
import { admit, lines } from '../networking/admit.testing';
import { validatingAdmissionPolicyBinding as bindingDef } from './binding';
import { validatingAdmissionPolicy as policyDef } from './policy';

const rules = [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }];
const policy = (spec: Record<string, unknown> = {}) => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'ValidatingAdmissionPolicy',
  metadata: { name: 'replicas.example.com' },
  spec: { matchConstraints: { resourceRules: rules }, validations: [{ expression: 'object.spec.replicas <= 5' }], ...spec },
});
const binding = (spec: Record<string, unknown> = {}) => ({ metadata: { name: 'b' }, spec: { policyName: 'replicas.example.com', validationActions: ['Deny'], ...spec } });

describe('ValidatingAdmissionPolicy', () => {
  it('defaults failurePolicy, matchPolicy, selectors and rule scope', () => {
    const r = admit(policyDef, policy());
    expect(r.issues).toEqual([]);
    expect(r.causes).toEqual([]);
    expect((r.obj as any).spec).toMatchObject({
      failurePolicy: 'Fail',
      matchConstraints: { matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, resourceRules: [{ scope: '*' }] },
    });
  });

  it('refuses an expression that does not compile, with its field path', () => {
    const r = admit(policyDef, policy({ validations: [{ expression: 'object.spec.replicas <=' }] }));
    expect(lines(r)).toEqual(['spec.validations[0].expression: Invalid value: "object.spec.replicas <=": compilation failed: ERROR: <input>:1:24: Unexpected token: EOF']);
  });

  it.each([
    { name: 'an undeclared variable', field: 'spec.validations[0].expression', spec: { validations: [{ expression: 'replicas > 1' }] }, text: 'Unknown variable: replicas' },
    { name: 'a validation that is not a bool', field: 'spec.validations[0].expression', spec: { validations: [{ expression: "'yes'" }] }, text: 'must evaluate to bool' },
    { name: 'a messageExpression that is not a string', field: 'spec.validations[0].messageExpression', spec: { validations: [{ expression: 'true', messageExpression: '1 + 1' }] }, text: 'must evaluate to string' },
    { name: 'a bad matchCondition', field: 'spec.matchConditions[0].expression', spec: { matchConditions: [{ name: 'c', expression: '1 +' }] }, text: 'compilation failed' },
    { name: 'a bad variable', field: 'spec.variables[0].expression', spec: { variables: [{ name: 'v', expression: 'size(' }] }, text: 'compilation failed' },
    { name: 'a bad audit annotation', field: 'spec.auditAnnotations[0].valueExpression', spec: { auditAnnotations: [{ key: 'k', valueExpression: 'nope' }] }, text: 'compilation failed' },
  ])('refuses $name', ({ field, spec, text }) => {
    const r = admit(policyDef, policy(spec));
    expect(r.causes.map((c) => c.field)).toEqual([field]);
    expect(r.causes[0].message).toContain(text);
  });

  it('checks the rest of the spec with upstream wording', () => {
    const r = admit(policyDef, {
      metadata: { name: 'p' },
      spec: {
        failurePolicy: 'Sometimes',
        paramKind: { kind: 'ConfigMap' },
        matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['PATCH'], resources: ['deployments'], scope: 'Everywhere' }] },
        validations: [{ expression: 'true', reason: 'Teapot' }],
        variables: [{ name: 'not-an-identifier', expression: '1' }],
      },
    });
    expect(lines(r)).toEqual([
      'spec.failurePolicy: Unsupported value: "Sometimes": supported values: "Fail", "Ignore"',
      'spec.paramKind.apiVersion: Required value',
      'spec.matchConstraints.resourceRules[0].operations[0]: Unsupported value: "PATCH": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"',
      'spec.matchConstraints.resourceRules[0].scope: Unsupported value: "Everywhere": supported values: "*", "Cluster", "Namespaced"',
      'spec.validations[0].reason: Unsupported value: "Teapot": supported values: "Forbidden", "Invalid", "RequestEntityTooLarge", "Unauthorized"',
      'spec.variables[0].name: Invalid value: "not-an-identifier": name is not a valid CEL identifier',
    ]);
  });

  it('requires matchConstraints and at least one validation or audit annotation', () => {
    const r = admit(policyDef, { metadata: { name: 'p' }, spec: {} });
    expect(lines(r)).toEqual(['spec.matchConstraints: Required value', 'spec.validations: Required value: validations or auditAnnotations must contain at least one item']);
  });

  it('refuses duplicate matchCondition names', () => {
    const r = admit(policyDef, policy({ matchConditions: [{ name: 'a', expression: 'true' }, { name: 'a', expression: 'true' }] }));
    expect(lines(r)).toEqual(['spec.matchConditions[1].name: Duplicate value: "a"']);
  });

  it('refuses unknown fields through the schema', () => {
    expect(admit(policyDef, policy({ validation: [] })).issues[0]).toMatchObject({ code: 'unrecognized_keys' });
  });
});

describe('ValidatingAdmissionPolicyBinding', () => {
  it('defaults parameterNotFoundAction to Deny', () => {
    const r = admit(bindingDef, binding({ paramRef: { name: 'limits' } }));
    expect(r.causes).toEqual([]);
    expect((r.obj as any).spec.paramRef.parameterNotFoundAction).toBe('Deny');
  });

  it.each([
    { name: 'no validationActions', spec: { validationActions: [] }, want: ['spec.validationActions: Required value'] },
    { name: 'an unknown action', spec: { validationActions: ['Block'] }, want: ['spec.validationActions[0]: Unsupported value: "Block": supported values: "Audit", "Deny", "Warn"'] },
    { name: 'Deny with Warn', spec: { validationActions: ['Deny', 'Warn'] }, want: ['spec.validationActions: Invalid value: ["Deny","Warn"]: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)'] },
    { name: 'no policyName', spec: { policyName: '' }, want: ['spec.policyName: Required value'] },
    { name: 'a paramRef with both name and selector', spec: { paramRef: { name: 'x', selector: {} } }, want: ['spec.paramRef.name: Forbidden: name and selector are mutually exclusive'] },
    { name: 'a paramRef with neither name nor selector', spec: { paramRef: { namespace: 'x' } }, want: ['spec.paramRef: Required value: one of name or selector must be specified'] },
  ])('refuses $name', ({ spec, want }) => {
    expect(lines(admit(bindingDef, binding(spec)))).toEqual(want);
  });

  it('accepts matchResources without resourceRules (it narrows the policy)', () => {
    expect(admit(bindingDef, binding({ matchResources: { namespaceSelector: { matchLabels: { env: 'test' } } } })).causes).toEqual([]);
  });
});
