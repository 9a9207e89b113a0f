// kubectl's create paths: typed commands and `auth can-i` arrive as protobuf bodies (kubectl 1.31+,
// contract §6) and must decode to what their JSON form would; invalid manifests get upstream's wording.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { type TestStack, startTestStack } from './harness';
import { Kubectl, type KubectlResult } from './kubectl';

let stack: TestStack;
let kubectl: Kubectl;

beforeAll(async () => {
  stack = await startTestStack();
  kubectl = new Kubectl(stack.kubeconfig);
});
afterAll(async () => {
  kubectl?.close();
  await stack?.close();
});

const k = (...args: string[]) => kubectl.run(args);

function manifestFile(name: string, objects: object[]): string {
  return kubectl.file(name, objects.map((o) => toYaml(o)).join('---\n'));
}

function expectCode(r: KubectlResult, code: number): void {
  expect(r.code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(code);
}

describe('kubectl typed commands (protobuf request bodies)', () => {
  it.each([
    [['create', 'namespace', 'e2e-proto'], 'namespace/e2e-proto created'],
    [['create', 'configmap', 'e2e-proto-cm', '--from-literal=a=b'], 'configmap/e2e-proto-cm created'],
    [['create', 'secret', 'generic', 'e2e-proto-s', '--from-literal=p=q'], 'secret/e2e-proto-s created'],
    [['create', 'deployment', 'e2e-proto-d', '--image=nginx:1.27', '--replicas=2'], 'deployment.apps/e2e-proto-d created'],
    [['create', 'service', 'clusterip', 'e2e-proto-svc', '--tcp=80:8080'], 'service/e2e-proto-svc created'],
    [['create', 'serviceaccount', 'e2e-proto-sa'], 'serviceaccount/e2e-proto-sa created'],
    [['create', 'role', 'e2e-proto-role', '--verb=get', '--resource=pods'], 'role.rbac.authorization.k8s.io/e2e-proto-role created'],
    [['create', 'rolebinding', 'e2e-proto-rb', '--role=e2e-proto-role', '--user=alice'], 'rolebinding.rbac.authorization.k8s.io/e2e-proto-rb created'],
    [['create', 'clusterrole', 'e2e-proto-cr', '--verb=list', '--resource=nodes'], 'clusterrole.rbac.authorization.k8s.io/e2e-proto-cr created'],
    [['create', 'quota', 'e2e-proto-q', '--hard=pods=10'], 'resourcequota/e2e-proto-q created'],
    [['create', 'priorityclass', 'e2e-proto-pc', '--value=1000'], 'priorityclass.scheduling.k8s.io/e2e-proto-pc created'],
    [['create', 'job', 'e2e-proto-job', '--image=busybox', '--', 'true'], 'job.batch/e2e-proto-job created'],
    [['create', 'cronjob', 'e2e-proto-cj', '--image=busybox', '--schedule=*/5 * * * *', '--', 'true'], 'cronjob.batch/e2e-proto-cj created'],
    [['create', 'ingress', 'e2e-proto-ing', '--rule=example.com/=svc:80'], 'ingress.networking.k8s.io/e2e-proto-ing created'],
    [['create', 'poddisruptionbudget', 'e2e-proto-pdb', '--selector=app=x', '--min-available=1'], 'poddisruptionbudget.policy/e2e-proto-pdb created'],
  ])('kubectl %j (protobuf request body)', async (args, out) => {
    const r = await k(...args);
    expectCode(r, 0);
    expect(r.stdout.trim()).toBe(out);
  });

  it('reads back what a protobuf create stored', async () => {
    const cm = JSON.parse((await k('get', 'configmap', 'e2e-proto-cm', '-o', 'json')).stdout);
    expect(cm.data).toEqual({ a: 'b' });
    const d = JSON.parse((await k('get', 'deployment', 'e2e-proto-d', '-o', 'json')).stdout);
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.27');
  });

  it('answers kubectl auth can-i and whoami', async () => {
    const r = await k('auth', 'can-i', 'create', 'pods');
    expectCode(r, 0);
    expect(r.stdout.trim()).toBe('yes');
    const who = await k('auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}');
    expectCode(who, 0);
    expect(who.stdout).toBe('admin');
  });
});

describe('kubectl error wording', () => {
  it('get of a missing object', async () => {
    const r = await k('get', 'configmap', 'e2e-missing');
    expectCode(r, 1);
    expect(r.stderr.trim()).toBe('Error from server (NotFound): configmaps "e2e-missing" not found');
  });

  it('a Deployment without selector is Invalid with spec.selector: Required value', async () => {
    const bad = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'e2e-bad' },
      spec: { template: { metadata: { labels: { app: 'bad' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
    };
    const file = manifestFile('bad-deploy.yaml', [bad]);
    for (const verb of ['create', 'apply']) {
      const r = await k(verb, '-f', file);
      expectCode(r, 1);
      // Upstream reports both causes (a nil selector also matches no template labels), as a bullet list.
      expect(r.stderr).toContain('The Deployment "e2e-bad" is invalid');
      expect(r.stderr).toMatch(/^\* spec\.selector: Required value$/m);
      expect(r.stderr).toMatch(/^\* spec\.template\.metadata\.labels: Invalid value: .*`selector` does not match template `labels`$/m);
    }
    const gone = await k('get', 'deployment', 'e2e-bad');
    expect(gone.stderr.trim()).toBe('Error from server (NotFound): deployments.apps "e2e-bad" not found');
  });

  it('an unknown field is a strict decoding error (and a warning or nothing with --validate=warn|false)', async () => {
    const file = manifestFile('unknown-field.yaml', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'e2e-unknown' }, dataa: { a: '1' } }]);
    const strict = await k('create', '-f', file);
    expectCode(strict, 1);
    expect(strict.stderr.trim()).toBe(
      `Error from server (BadRequest): error when creating "${file}": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dataa"`,
    );
    const applied = await k('apply', '-f', file);
    expectCode(applied, 1);
    expect(applied.stderr).toContain('strict decoding error: unknown field "dataa"');

    const warn = await k('create', '-f', file, '--validate=warn');
    expectCode(warn, 0);
    expect(warn.stderr).toContain('Warning: unknown field "dataa"');
    expectCode(await k('delete', 'configmap', 'e2e-unknown'), 0);

    const ignore = await k('create', '-f', file, '--validate=false');
    expectCode(ignore, 0);
    expect(ignore.stderr).toBe('');
    const obj = JSON.parse((await k('get', 'configmap', 'e2e-unknown', '-o', 'json')).stdout);
    expect(obj.dataa).toBeUndefined();
    expectCode(await k('delete', 'configmap', 'e2e-unknown'), 0);
  });

});
