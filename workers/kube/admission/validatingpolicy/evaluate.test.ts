import { describe, expect, it } from 'vitest';
import type { KObject } from '../../registry/types';
import type { PolicySpec } from '../../resources/admissionregistration/schema';
import { compilePolicy } from './compiled';
import { denialText, evaluatePolicies, reasonCode, type ParamLookup } from './evaluate';
import type { AdmissionAttributes, Binding } from './types';

const deploy = (replicas: number, labels: Record<string, string> = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'team-a', labels },
  spec: { replicas, template: { spec: { containers: [{ name: 'app', image: 'busybox:latest' }] } } },
});

const attrs = (object: KObject | null, over: Partial<AdmissionAttributes> = {}): AdmissionAttributes => ({
  operation: 'CREATE',
  kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
  resource: { group: 'apps', version: 'v1', resource: 'deployments' },
  subResource: '',
  namespaced: true,
  namespace: 'team-a',
  name: 'web',
  object,
  oldObject: null,
  userInfo: { username: 'alice', uid: 'u1', groups: ['devs'] },
  dryRun: false,
  ...over,
});

const MATCH = { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] };
const policy = (spec: PolicySpec, name = 'p') => compilePolicy({ metadata: { name }, spec: { matchConstraints: MATCH, failurePolicy: 'Fail', ...spec } });
const binding = (spec: Partial<NonNullable<Binding['spec']>> = {}, name = 'b'): Binding => ({ metadata: { name }, spec: { policyName: 'p', validationActions: ['Deny'], ...spec } });
const noParams: ParamLookup = async () => ({ params: [] });

async function run(spec: PolicySpec, object: KObject | null, b: Binding = binding(), params: ParamLookup = noParams, over: Partial<AdmissionAttributes> = {}) {
  return evaluatePolicies({ policies: [policy(spec)], bindings: [b], namespaceObject: async () => ({ metadata: { name: 'team-a', labels: { env: 'prod' } } }), params }, attrs(object, over));
}

describe('validations', () => {
  it.each([
    { name: 'a true expression admits', spec: { validations: [{ expression: 'object.spec.replicas <= 5' }] }, obj: deploy(3), denial: undefined },
    { name: 'a false expression denies with the default message', spec: { validations: [{ expression: 'object.spec.replicas <= 5' }] }, obj: deploy(6), denial: 'failed expression: object.spec.replicas <= 5' },
    { name: 'message replaces the default', spec: { validations: [{ expression: 'object.spec.replicas <= 5', message: 'too many' }] }, obj: deploy(6), denial: 'too many' },
    {
      name: 'messageExpression wins over message',
      spec: { validations: [{ expression: 'object.spec.replicas <= 5', message: 'too many', messageExpression: "'replicas is ' + string(object.spec.replicas)" }] },
      obj: deploy(6),
      denial: 'replicas is 6',
    },
    {
      name: 'a failing messageExpression falls back to message',
      spec: { validations: [{ expression: 'object.spec.replicas <= 5', message: 'too many', messageExpression: 'object.spec.nope' }] },
      obj: deploy(6),
      denial: 'too many',
    },
    { name: 'request fields are visible', spec: { validations: [{ expression: "request.userInfo.username != 'alice'" }] }, obj: deploy(1), denial: "failed expression: request.userInfo.username != 'alice'" },
    { name: 'namespaceObject is the request namespace', spec: { validations: [{ expression: "namespaceObject.metadata.labels.env == 'prod'" }] }, obj: deploy(1), denial: undefined },
    {
      name: 'variables are computed and shared',
      spec: { variables: [{ name: 'images', expression: 'object.spec.template.spec.containers.map(c, c.image)' }], validations: [{ expression: "variables.images.all(i, !i.endsWith(':latest'))" }] },
      obj: deploy(1),
      denial: "failed expression: variables.images.all(i, !i.endsWith(':latest'))",
    },
    { name: 'the first failing validation of several is reported', spec: { validations: [{ expression: 'true' }, { expression: 'false', message: 'second' }, { expression: 'false', message: 'third' }] }, obj: deploy(1), denial: 'second' },
  ])('$name', async ({ spec, obj, denial }) => {
    const out = await run(spec as PolicySpec, obj);
    expect(out.denial?.message).toBe(denial);
  });

  it('words the denial as upstream and maps its reason to a status code', async () => {
    const out = await run({ validations: [{ expression: 'false', reason: 'Forbidden' }] }, deploy(1));
    expect(denialText(out.denial!)).toBe("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: failed expression: false");
    expect(reasonCode(out.denial!.reason)).toBe(403);
    expect(reasonCode('Invalid')).toBe(422);
    expect(reasonCode('RequestEntityTooLarge')).toBe(413);
  });
});

describe('failure policy', () => {
  it('denies on an evaluation error with Fail', async () => {
    const out = await run({ validations: [{ expression: 'object.spec.missing > 1' }] }, deploy(1));
    expect(out.denial?.message).toMatch(/^expression 'object.spec.missing > 1' resulted in error: No such key: missing/);
  });

  it('ignores an evaluation error with Ignore but still denies a false expression', async () => {
    const spec: PolicySpec = { failurePolicy: 'Ignore', validations: [{ expression: 'object.spec.missing > 1' }, { expression: 'object.spec.replicas < 2' }] };
    expect((await run(spec, deploy(1))).denial).toBeUndefined();
    expect((await run(spec, deploy(3))).denial?.message).toBe('failed expression: object.spec.replicas < 2');
  });
});

describe('matchConditions', () => {
  it('skips the policy when a condition is false', async () => {
    const spec: PolicySpec = { matchConditions: [{ name: 'not-exempt', expression: "!('exempt' in object.metadata.labels)" }], validations: [{ expression: 'false' }] };
    expect((await run(spec, deploy(1, { exempt: 'y' }))).denial).toBeUndefined();
    expect((await run(spec, deploy(1))).denial?.message).toBe('failed expression: false');
  });
});

describe('validationActions', () => {
  it('turns a Warn failure into a warning and admits', async () => {
    const out = await run({ validations: [{ expression: 'false', message: 'nope' }] }, deploy(1), binding({ validationActions: ['Warn'] }));
    expect(out.denial).toBeUndefined();
    expect(out.warnings).toEqual(["Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': nope"]);
  });

  it('records an Audit failure without denying', async () => {
    const out = await run({ validations: [{ expression: 'false' }] }, deploy(1), binding({ validationActions: ['Audit'] }));
    expect(out.denial).toBeUndefined();
    expect(out.audits).toHaveLength(1);
  });

  it('ignores a binding of another policy', async () => {
    const out = await run({ validations: [{ expression: 'false' }] }, deploy(1), binding({ policyName: 'other' }));
    expect(out.denial).toBeUndefined();
  });
});

describe('params', () => {
  const spec: PolicySpec = { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{ expression: 'object.spec.replicas <= int(params.data.max)' }] };
  const limit = (max: string): ParamLookup => async () => ({ params: [{ metadata: { name: 'limits' }, data: { max } }] });

  it('reads the param object', async () => {
    const b = binding({ paramRef: { name: 'limits', parameterNotFoundAction: 'Deny' } });
    expect((await run(spec, deploy(3), b, limit('3'))).denial).toBeUndefined();
    expect((await run(spec, deploy(4), b, limit('3'))).denial?.message).toBe('failed expression: object.spec.replicas <= int(params.data.max)');
  });

  it('evaluates every param a selector finds, and all must pass', async () => {
    const two: ParamLookup = async () => ({ params: [{ metadata: { name: 'a' }, data: { max: '9' } }, { metadata: { name: 'b' }, data: { max: '2' } }] });
    expect((await run(spec, deploy(3), binding({ paramRef: { selector: {} } }), two)).denial).toBeDefined();
  });

  it.each([
    { name: 'denies when no param is found and the action is Deny', action: 'Deny', denied: true },
    { name: 'admits when no param is found and the action is Allow', action: 'Allow', denied: false },
  ])('$name', async ({ action, denied }) => {
    const out = await run(spec, deploy(3), binding({ paramRef: { name: 'limits', parameterNotFoundAction: action } }));
    expect(out.denial?.message).toBe(denied ? 'no params found for policy binding with `Deny` parameterNotFoundAction' : undefined);
  });

  it('applies the failure policy when params cannot be configured', async () => {
    const broken: ParamLookup = async () => ({ error: 'failed to configure binding: paramKind kind `Nope.v1` not known' });
    expect((await run(spec, deploy(3), binding(), broken)).denial?.message).toBe('failed to configure binding: paramKind kind `Nope.v1` not known');
    expect((await run({ ...spec, failurePolicy: 'Ignore' }, deploy(3), binding(), broken)).denial).toBeUndefined();
  });
});

describe('DELETE requests', () => {
  it('sees a null object and the stored oldObject', async () => {
    const spec: PolicySpec = {
      matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['DELETE'], resources: ['deployments'] }] },
      validations: [{ expression: 'object == null && oldObject.spec.replicas == 0', message: 'scale to zero first' }],
    };
    expect((await run(spec, null, binding(), noParams, { operation: 'DELETE', oldObject: deploy(2) })).denial?.message).toBe('scale to zero first');
    expect((await run(spec, null, binding(), noParams, { operation: 'DELETE', oldObject: deploy(0) })).denial).toBeUndefined();
  });
});
