// ValidatingAdmissionPolicy with CEL through the real kubectl and the real stack (workerd runs the CEL
// evaluator): a policy refuses a Deployment with upstream's message, Warn bindings warn, params come from
// a ConfigMap, a namespaceSelector limits a binding, a bad expression is 422 at create, and only
// cluster-admin may manage policies. Also prints create p50 with 0 and 20 policies present.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, startTestStack } from './harness';
import { eventually } from './eventually';
import { Kubectl } from './kubectl';

let stack: TestStack;
let kubectl: Kubectl;

beforeAll(async () => {
  stack = await startTestStack({}, { components: false });
  kubectl = new Kubectl(stack.kubeconfig);
});
afterAll(async () => {
  kubectl?.close();
  await stack?.close();
});

const api = () => stack.client;
const VAP = '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies';
const VAPB = '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings';

async function namespace(name: string, labels: Record<string, string> = {}) {
  const r = await api().post('/api/v1/namespaces', { metadata: { name, labels } });
  expect(r.status, r.text).toBe(201);
}

async function apply(name: string, yaml: string) {
  return kubectl.run(['apply', '-f', kubectl.file(name, yaml)]);
}

const deployment = (name: string, ns: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: busybox:1.36
`;

const replicasPolicy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replicas.example.com
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
  - expression: "object.spec.replicas <= 5"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: replicas-binding.example.com
spec:
  policyName: replicas.example.com
  validationActions: [Deny]
  matchResources:
    namespaceSelector:
      matchLabels:
        environment: test
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function createLatencies(ns: string, prefix: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await api().post(`/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: `${prefix}-${i}` }, data: { k: 'v' } });
    out.push(performance.now() - t);
    expect(r.status, r.text).toBe(201);
  }
  return out;
}

describe('ValidatingAdmissionPolicy cost on create', () => {
  it('creates ConfigMaps with 0 and with 20 bound policies that match them (numbers printed)', async () => {
    await namespace('vap-bench');
    await createLatencies('vap-bench', 'warm', 20);
    const none = median(await createLatencies('vap-bench', 'none', 100));
    for (let i = 0; i < 20; i++) {
      const p = await api().post(VAP, {
        metadata: { name: `bench-${i}` },
        spec: {
          matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['configmaps'] }] },
          validations: [{ expression: `object.metadata.name.size() < 200 && !("forbidden-${i}" in object.data)` }],
        },
      });
      expect(p.status, p.text).toBe(201);
      const b = await api().post(VAPB, { metadata: { name: `bench-${i}` }, spec: { policyName: `bench-${i}`, validationActions: ['Deny'] } });
      expect(b.status, b.text).toBe(201);
    }
    const refused = await api().post('/api/v1/namespaces/vap-bench/configmaps', { metadata: { name: 'refused' }, data: { 'forbidden-7': 'x' } });
    expect(refused.status).toBe(422);
    expect(refused.json.message).toBe(`configmaps "refused" is forbidden: ValidatingAdmissionPolicy 'bench-7' with binding 'bench-7' denied request: failed expression: object.metadata.name.size() < 200 && !("forbidden-7" in object.data)`);
    const twenty = median(await createLatencies('vap-bench', 'twenty', 100));
    console.log(`[vap bench] ConfigMap create p50 over 100 sequential creates: 0 policies ${none.toFixed(2)} ms, 20 matching policies ${twenty.toFixed(2)} ms`);
    for (let i = 0; i < 20; i++) {
      expect((await api().delete(`${VAPB}/bench-${i}`)).status).toBe(200);
      expect((await api().delete(`${VAP}/bench-${i}`)).status).toBe(200);
    }
    const after = await api().post('/api/v1/namespaces/vap-bench/configmaps', { metadata: { name: 'refused' }, data: { 'forbidden-7': 'x' } });
    expect(after.status, after.text).toBe(201);
  });
});

describe('a replicas policy applied with kubectl', () => {
  beforeAll(async () => {
    await namespace('vap-test', { environment: 'test' });
    await namespace('vap-other');
    const r = await apply('policy.yaml', replicasPolicy);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('validatingadmissionpolicy.admissionregistration.k8s.io/replicas.example.com created');
    expect(r.stdout).toContain('validatingadmissionpolicybinding.admissionregistration.k8s.io/replicas-binding.example.com created');
  });

  it('lists the policy and binding with upstream columns', async () => {
    const p = await kubectl.run(['get', 'validatingadmissionpolicies']);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toMatch(/^NAME\s+VALIDATIONS\s+PARAMKIND\s+AGE\n/);
    expect(p.stdout).toMatch(/replicas\.example\.com\s+1\s+<unset>\s+\d+s/);
    const b = await kubectl.run(['get', 'validatingadmissionpolicybindings']);
    expect(b.stdout).toMatch(/^NAME\s+POLICYNAME\s+PARAMREF\s+AGE\n/);
    expect(b.stdout).toMatch(/replicas-binding\.example\.com\s+replicas\.example\.com\s+<unset>/);
    const y = await kubectl.run(['get', 'validatingadmissionpolicy', 'replicas.example.com', '-o', 'jsonpath={.spec.failurePolicy} {.spec.matchConstraints.matchPolicy} {.spec.matchConstraints.resourceRules[0].scope}']);
    expect(y.stdout).toBe('Fail Equivalent *');
  });

  it('refuses a Deployment with 6 replicas with upstream message', async () => {
    const r = await apply('big.yaml', deployment('big', 'vap-test', 6));
    expect(r.code).not.toBe(0);
    // As upstream: reason Invalid with one cause without a field, which kubectl prints after "invalid: : ".
    expect(r.stderr).toContain(
      `The deployments "big" is invalid: : ValidatingAdmissionPolicy 'replicas.example.com' with binding 'replicas-binding.example.com' denied request: failed expression: object.spec.replicas <= 5`,
    );
    const direct = await api().post('/apis/apps/v1/namespaces/vap-test/deployments', JSON.parse(JSON.stringify({ metadata: { name: 'big' }, spec: { replicas: 6, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } } } })));
    expect(direct.status).toBe(422);
    expect(direct.json).toMatchObject({ reason: 'Invalid', code: 422, details: { name: 'big', group: 'apps', kind: 'deployments' } });
    expect((await api().get('/apis/apps/v1/namespaces/vap-test/deployments/big')).status).toBe(404);
  });

  it('admits a Deployment with 3 replicas, and refuses an update to 6', async () => {
    const r = await apply('small.yaml', deployment('small', 'vap-test', 3));
    expect(r.code, r.stderr).toBe(0);
    const s = await kubectl.run(['patch', 'deployment', 'small', '-n', 'vap-test', '-p', '{"spec":{"replicas":6}}']);
    expect(s.code).not.toBe(0);
    expect(s.stderr).toContain("denied request: failed expression: object.spec.replicas <= 5");
    const d = await api().get('/apis/apps/v1/namespaces/vap-test/deployments/small');
    expect(d.json.spec.replicas).toBe(3);
  });

  it('does not apply in a namespace the binding namespaceSelector leaves out', async () => {
    const r = await apply('other.yaml', deployment('big', 'vap-other', 6));
    expect(r.code, r.stderr).toBe(0);
  });

  it('applies to a namespace once it gets the selected label', async () => {
    const l = await kubectl.run(['label', 'namespace', 'vap-other', 'environment=test']);
    expect(l.code, l.stderr).toBe(0);
    const r = await apply('other2.yaml', deployment('big2', 'vap-other', 6));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("ValidatingAdmissionPolicy 'replicas.example.com'");
  });
});

describe('a Warn binding', () => {
  it('admits the request and kubectl prints the warning', async () => {
    await namespace('vap-warn');
    const policy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: pinned-images
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["CREATE", "UPDATE"]
      resources: ["deployments"]
    namespaceSelector:
      matchExpressions:
      - {key: kubernetes.io/metadata.name, operator: In, values: [vap-warn]}
  variables:
  - name: images
    expression: "object.spec.template.spec.containers.map(c, c.image)"
  validations:
  - expression: "variables.images.all(i, !i.endsWith(':latest'))"
    messageExpression: "'images must be pinned: ' + variables.images.filter(i, i.endsWith(':latest')).join(', ')"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: pinned-images-warn
spec:
  policyName: pinned-images
  validationActions: [Warn]
`;
    const p = await apply('warn-policy.yaml', policy);
    expect(p.code, p.stderr).toBe(0);
    const r = await apply('latest.yaml', deployment('latest', 'vap-warn', 1).replace('busybox:1.36', 'busybox:latest'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("Warning: Validation failed for ValidatingAdmissionPolicy 'pinned-images' with binding 'pinned-images-warn': images must be pinned: busybox:latest");
    expect(r.stdout).toContain('deployment.apps/latest created');
  });
});

describe('params from a ConfigMap', () => {
  beforeAll(async () => {
    await namespace('vap-params', { limits: 'configmap' });
    const setup = `apiVersion: v1
kind: ConfigMap
metadata:
  name: replica-limit
  namespace: vap-params
data:
  maxReplicas: "3"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replica-limit
spec:
  paramKind:
    apiVersion: v1
    kind: ConfigMap
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["CREATE", "UPDATE"]
      resources: ["deployments"]
  matchConditions:
  - name: not-exempt
    expression: "!has(object.metadata.labels) || !('exempt' in object.metadata.labels)"
  validations:
  - expression: "object.spec.replicas <= int(params.data.maxReplicas)"
    messageExpression: "'object.spec.replicas must be no greater than ' + params.data.maxReplicas"
    reason: Forbidden
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: replica-limit-binding
spec:
  policyName: replica-limit
  validationActions: [Deny]
  paramRef:
    name: replica-limit
    parameterNotFoundAction: Deny
  matchResources:
    namespaceSelector:
      matchLabels: {limits: configmap}
`;
    const r = await apply('params.yaml', setup);
    expect(r.code, r.stderr).toBe(0);
  });

  it('denies above the ConfigMap limit with the policy reason and messageExpression', async () => {
    const r = await apply('p4.yaml', deployment('four', 'vap-params', 4));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `deployments.apps "four" is forbidden: ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit-binding' denied request: object.spec.replicas must be no greater than 3`,
    );
    const direct = await api().post('/apis/apps/v1/namespaces/vap-params/deployments', { metadata: { name: 'four' }, spec: { replicas: 4, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } } } });
    expect(direct.status).toBe(403);
    expect(direct.json.reason).toBe('Forbidden');
  });

  it('admits at the limit, skips objects the matchCondition exempts, and follows a changed limit', async () => {
    expect((await apply('p2.yaml', deployment('two', 'vap-params', 2))).code).toBe(0);
    const exempt = deployment('exempt', 'vap-params', 9).replace('  namespace: vap-params\n', '  namespace: vap-params\n  labels: {exempt: "yes"}\n');
    const e = await apply('exempt.yaml', exempt);
    expect(e.code, e.stderr).toBe(0);
    const patched = await kubectl.run(['patch', 'configmap', 'replica-limit', '-n', 'vap-params', '-p', '{"data":{"maxReplicas":"5"}}']);
    expect(patched.code, patched.stderr).toBe(0);
    const four = await apply('p4b.yaml', deployment('four', 'vap-params', 4));
    expect(four.code, four.stderr).toBe(0);
  });

  it('denies when the param object is missing and parameterNotFoundAction is Deny', async () => {
    expect((await kubectl.run(['delete', 'configmap', 'replica-limit', '-n', 'vap-params'])).code).toBe(0);
    const r = await apply('p1.yaml', deployment('one', 'vap-params', 1));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit-binding' denied request: no params found for policy binding with `Deny` parameterNotFoundAction");
  });
});

describe('Kubernetes CEL libraries inside workerd', () => {
  it('evaluates quantity, url, regex and string functions in a policy', async () => {
    await namespace('vap-libs');
    const p = await api().post(VAP, {
      metadata: { name: 'libs' },
      spec: {
        matchConstraints: {
          resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['configmaps'] }],
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'vap-libs' } },
        },
        validations: [
          { expression: "!has(object.data) || !('size' in object.data) || quantity(object.data.size).isLessThan(quantity('1Gi'))", message: 'size must be below 1Gi' },
          { expression: "!has(object.data) || !('endpoint' in object.data) || url(object.data.endpoint).getScheme() == 'https'", message: 'endpoint must be https' },
          { expression: "object.metadata.name.lowerAscii() == object.metadata.name && object.metadata.name.find('[0-9]+') != '666'", message: 'bad name' },
        ],
      },
    });
    expect(p.status, p.text).toBe(201);
    expect((await api().post(VAPB, { metadata: { name: 'libs' }, spec: { policyName: 'libs', validationActions: ['Deny'] } })).status).toBe(201);
    const cm = (name: string, data: Record<string, string>) => api().post('/api/v1/namespaces/vap-libs/configmaps', { metadata: { name }, data });
    expect((await cm('ok', { size: '512Mi', endpoint: 'https://example.com/x' })).status).toBe(201);
    const big = await cm('big', { size: '2Gi' });
    expect(big.status).toBe(422);
    expect(big.json.message).toContain('denied request: size must be below 1Gi');
    expect((await cm('plain', { endpoint: 'http://example.com' })).json.message).toContain('denied request: endpoint must be https');
    expect((await cm('x666', {})).json.message).toContain('denied request: bad name');
  });

  it('explains the new kinds from the OpenAPI document', async () => {
    const r = await kubectl.run(['explain', 'validatingadmissionpolicy.spec.validations']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('GROUP:      admissionregistration.k8s.io');
    expect(r.stdout).toContain('messageExpression');
  });
});

describe('DELETE operations', () => {
  it('sees the stored object as oldObject and can refuse the delete', async () => {
    await namespace('vap-delete');
    const p = await api().post(VAP, {
      metadata: { name: 'keep-protected' },
      spec: {
        matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['DELETE'], resources: ['configmaps'] }] },
        validations: [{ expression: "object == null && !(has(oldObject.metadata.labels) && oldObject.metadata.labels['protected'] == 'true')", message: 'protected ConfigMaps cannot be deleted' }],
      },
    });
    expect(p.status, p.text).toBe(201);
    const b = await api().post(VAPB, { metadata: { name: 'keep-protected' }, spec: { policyName: 'keep-protected', validationActions: ['Deny'], matchResources: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'vap-delete' } } } } });
    expect(b.status, b.text).toBe(201);
    await api().post('/api/v1/namespaces/vap-delete/configmaps', { metadata: { name: 'keep', labels: { protected: 'true' } } });
    await api().post('/api/v1/namespaces/vap-delete/configmaps', { metadata: { name: 'drop' } });
    const refused = await kubectl.run(['delete', 'configmap', 'keep', '-n', 'vap-delete']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("ValidatingAdmissionPolicy 'keep-protected' with binding 'keep-protected' denied request: protected ConfigMaps cannot be deleted");
    expect((await api().get('/api/v1/namespaces/vap-delete/configmaps/keep')).status).toBe(200);
    expect((await kubectl.run(['delete', 'configmap', 'drop', '-n', 'vap-delete'])).code).toBe(0);
  });
});

describe('validation of policies and bindings', () => {
  it('refuses an expression that does not compile with 422 and the field path', async () => {
    const bad = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: bad
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["CREATE"]
      resources: ["deployments"]
  validations:
  - expression: "object.spec.replicas <="
`;
    const r = await apply('bad.yaml', bad);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('The ValidatingAdmissionPolicy "bad" is invalid: spec.validations[0].expression: Invalid value: "object.spec.replicas <=": compilation failed: ERROR: <input>:1:');
    const direct = await api().post(VAP, { metadata: { name: 'bad2' }, spec: { matchConstraints: { resourceRules: [{ apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*'] }] }, validations: [{ expression: 'nope > 1' }], failurePolicy: 'Sometimes' } });
    expect(direct.status).toBe(422);
    expect(direct.json.details.causes.map((c: { field: string }) => c.field)).toEqual(['spec.failurePolicy', 'spec.validations[0].expression']);
    expect((await api().get(`${VAP}/bad`)).status).toBe(404);
    // kubectl create -f sends these kinds as JSON (no typed generator sends protobuf for them).
    const fixed = await kubectl.run(['create', '-f', kubectl.file('fixed.yaml', bad.replace('<="', '<= 5"'))]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout).toContain('validatingadmissionpolicy.admissionregistration.k8s.io/bad created');
    const broken = await kubectl.run(['patch', 'validatingadmissionpolicy', 'bad', '--type=json', '-p', '[{"op":"replace","path":"/spec/validations/0/expression","value":"object.spec.replicas <"}]']);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain('spec.validations[0].expression: Invalid value: "object.spec.replicas <": compilation failed');
  });

  it('refuses a binding with Deny and Warn together or no actions', async () => {
    const r = await api().post(VAPB, { metadata: { name: 'both' }, spec: { policyName: 'x', validationActions: ['Deny', 'Warn'] } });
    expect(r.status).toBe(422);
    expect(r.json.details.causes[0].field).toBe('spec.validationActions');
    const none = await api().post(VAPB, { metadata: { name: 'none' }, spec: { policyName: 'x' } });
    expect(none.status).toBe(422);
    expect(none.json.details.causes[0]).toMatchObject({ field: 'spec.validationActions', reason: 'FieldValueRequired' });
  });
});

describe('RBAC for policies', () => {
  it('lets cluster-admin manage policies and keeps admin, edit and view out', async () => {
    for (const role of ['admin', 'edit', 'view', 'cluster-admin']) {
      const crb = await api().post('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
        metadata: { name: `vap-${role}` },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: `user-${role}` }],
      });
      expect(crb.status, crb.text).toBe(201);
    }
    const can = async (user: string, verb: string, resource: string, group = 'admissionregistration.k8s.io') => {
      const r = await api().post('/apis/authorization.k8s.io/v1/subjectaccessreviews', {
        spec: { user, groups: ['system:authenticated'], resourceAttributes: { verb, group, resource, namespace: resource === 'deployments' ? 'default' : undefined } },
      });
      expect(r.status, r.text).toBe(201);
      return r.json.status.allowed as boolean;
    };
    // RBAC decisions follow new bindings within a second (docs/decisions.md).
    await eventually(async () => ((await can('user-cluster-admin', 'create', 'validatingadmissionpolicies')) ? true : undefined), 10_000, 'the cluster-admin binding');
    // The same users may write ordinary objects: the refusals below are about these kinds.
    for (const role of ['admin', 'edit']) expect(await can(`user-${role}`, 'create', 'deployments', 'apps')).toBe(true);
    for (const resource of ['validatingadmissionpolicies', 'validatingadmissionpolicybindings']) {
      expect(await can('user-cluster-admin', 'create', resource)).toBe(true);
      expect(await can('user-cluster-admin', 'delete', resource)).toBe(true);
      for (const role of ['admin', 'edit', 'view']) {
        expect(await can(`user-${role}`, 'create', resource)).toBe(false);
        expect(await can(`user-${role}`, 'list', resource)).toBe(false);
      }
    }
  });
});
