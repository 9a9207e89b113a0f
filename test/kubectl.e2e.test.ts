// The real kubectl 1.32 (the PATH dispatcher picks it from the server's /version) against the real local
// stack: writes, reads in every output format, selectors, label/annotate, delete, watch, explain, discovery
// and the error wording users see. Expectations are upstream kube-apiserver behaviour, as kubectl prints it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
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

/** Shows kubectl's output when an exit code is not the expected one, so a failure explains itself. */
function expectCode(r: KubectlResult, code: number): void {
  expect(r.code, `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(code);
}

function manifestFile(name: string, objects: object[]): string {
  return kubectl.file(name, objects.map((o) => toYaml(o)).join('---\n'));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

interface KindCase {
  kind: string;
  /** What kubectl takes on the command line. */
  resource: string;
  /** How kubectl names an object of this kind in its messages (`<singular>/<name> created`). */
  singular: string;
  /** How the server names the resource in NotFound/AlreadyExists messages. */
  plural: string;
  namespaced: boolean;
  manifest(name: string, labels: Record<string, string>): Obj;
  /** A jsonpath expression and the text kubectl prints for it, for an object of this name. */
  jsonpath(name: string): [string, string];
  /** Kind-specific fields the server must have kept or defaulted. */
  check(obj: Obj): void;
  /** What a second, identical `kubectl apply` reports (default `unchanged`). */
  reapply?: string;
}

const kinds: KindCase[] = [
  {
    kind: 'ConfigMap',
    resource: 'configmaps',
    singular: 'configmap',
    plural: 'configmaps',
    namespaced: true,
    manifest: (name, labels) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: { greeting: 'hello', multi: 'a\nb\n' } }),
    jsonpath: () => ['{.data.greeting}', 'hello'],
    check: (o) => expect(o.data).toEqual({ greeting: 'hello', multi: 'a\nb\n' }),
  },
  {
    kind: 'Secret',
    resource: 'secrets',
    singular: 'secret',
    plural: 'secrets',
    namespaced: true,
    manifest: (name, labels) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, labels }, stringData: { password: 'hunter2' } }),
    jsonpath: () => ['{.data.password}', Buffer.from('hunter2').toString('base64')],
    // Upstream too: the live object never has stringData, so kubectl's 3-way diff always sends it again
    // (kubernetes/kubernetes#87736); the server-side no-op must still leave the revision alone.
    reapply: 'configured',
    check: (o) => {
      // stringData is write-only: merged into data (base64) and never stored or returned.
      expect(o.type).toBe('Opaque');
      expect(o.data).toEqual({ password: Buffer.from('hunter2').toString('base64') });
      expect(o.stringData).toBeUndefined();
    },
  },
  {
    kind: 'Namespace',
    resource: 'namespaces',
    singular: 'namespace',
    plural: 'namespaces',
    namespaced: false,
    manifest: (name, labels) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }),
    jsonpath: () => ['{.status.phase}', 'Active'],
    check: (o) => {
      expect(o.metadata.labels['kubernetes.io/metadata.name']).toBe(o.metadata.name);
      expect(o.spec.finalizers).toEqual(['kubernetes']);
    },
  },
  {
    kind: 'Service',
    resource: 'services',
    singular: 'service',
    plural: 'services',
    namespaced: true,
    manifest: (name, labels) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, labels }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] } }),
    jsonpath: () => ['{.spec.ports[0].port}', '80'],
    check: (o) => {
      expect(o.spec.type).toBe('ClusterIP');
      expect(o.spec.sessionAffinity).toBe('None');
      expect(o.spec.ports[0]).toMatchObject({ port: 80, targetPort: 8080, protocol: 'TCP' });
    },
  },
  {
    kind: 'Deployment',
    resource: 'deployments',
    singular: 'deployment.apps',
    plural: 'deployments.apps',
    namespaced: true,
    manifest: (name, labels) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      },
    }),
    jsonpath: () => ['{.spec.replicas}', '2'],
    check: (o) => {
      expect(o.metadata.generation).toBe(1);
      expect(o.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
      expect(o.spec.revisionHistoryLimit).toBe(10);
      expect(o.spec.progressDeadlineSeconds).toBe(600);
      expect(o.spec.template.spec.containers[0]).toMatchObject({ name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' });
    },
  },
  {
    kind: 'ServiceAccount',
    resource: 'serviceaccounts',
    singular: 'serviceaccount',
    plural: 'serviceaccounts',
    namespaced: true,
    manifest: (name, labels) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, labels } }),
    jsonpath: (name) => ['{.metadata.namespace}/{.metadata.name}', `default/${name}`],
    // Since 1.24 no token Secret is generated and listed for a new ServiceAccount.
    check: (o) => expect(o.secrets).toBeUndefined(),
  },
  {
    kind: 'Role',
    resource: 'roles',
    singular: 'role.rbac.authorization.k8s.io',
    plural: 'roles.rbac.authorization.k8s.io',
    namespaced: true,
    manifest: (name, labels) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name, labels },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }],
    }),
    jsonpath: () => ['{.rules[0].verbs}', '["get","list"]'],
    check: (o) => expect(o.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }]),
  },
];

describe.each(kinds)('kubectl with $kind', (kc) => {
  const base = `e2e-${kc.kind.toLowerCase()}`;
  const created = `${base}-c`; // made by `kubectl create -f`
  const applied = `${base}-a`; // made by `kubectl apply -f`
  const labels = { suite: 'kubectl-e2e', kind: kc.kind.toLowerCase() };
  const nsExpected = kc.namespaced ? 'default' : undefined;
  let createFile: string;
  let createdRv: string;

  it('create -f, then get as list, by name, -o json/yaml/name/jsonpath', async () => {
    createFile = manifestFile(`${created}.yaml`, [kc.manifest(created, labels)]);
    const r = await k('create', '-f', createFile);
    expectCode(r, 0);
    expect(r.stdout.trim()).toBe(`${kc.singular}/${created} created`);

    const list = await k('get', kc.resource);
    expectCode(list, 0);
    expect(list.stdout.split('\n')[0]).toMatch(/^NAME\s/);
    expect(list.stdout).toMatch(new RegExp(`^${created}\\s`, 'm'));

    const one = await k('get', kc.resource, created);
    expectCode(one, 0);
    expect(one.stdout.split('\n')[1]).toMatch(new RegExp(`^${created}\\s`));

    const json = await k('get', kc.resource, created, '-o', 'json');
    expectCode(json, 0);
    const obj = JSON.parse(json.stdout);
    expect(obj.kind).toBe(kc.kind);
    expect(obj.apiVersion).toBe(kc.manifest(created, {}).apiVersion);
    expect(obj.metadata.name).toBe(created);
    expect(obj.metadata.namespace).toBe(nsExpected);
    expect(obj.metadata.labels).toMatchObject(labels);
    expect(obj.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(obj.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // kubectl create never sets the last-applied annotation; only apply does.
    expect(obj.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
    // Opaque to clients, but this server (like etcd) uses increasing decimal revisions (contract §4).
    expect(obj.metadata.resourceVersion).toMatch(/^[1-9]\d*$/);
    createdRv = obj.metadata.resourceVersion;
    kc.check(obj);

    const yaml = await k('get', kc.resource, created, '-o', 'yaml');
    expectCode(yaml, 0);
    const fromYaml = parseYaml(yaml.stdout) as Obj;
    if (kc.kind === 'Deployment' && fromYaml.metadata.resourceVersion !== obj.metadata.resourceVersion) {
      // The deployment controller wrote its status between the two reads: everything else is the same.
      const strip = (o: Obj) => ({ ...o, status: undefined, metadata: { ...o.metadata, resourceVersion: undefined, managedFields: undefined } });
      expect(strip(fromYaml)).toEqual(strip(obj));
    } else expect(fromYaml).toEqual(obj);

    const name = await k('get', kc.resource, created, '-o', 'name');
    expectCode(name, 0);
    expect(name.stdout.trim()).toBe(`${kc.singular}/${created}`);

    const [expr, expected] = kc.jsonpath(created);
    const jp = await k('get', kc.resource, created, '-o', `jsonpath=${expr}`);
    expectCode(jp, 0);
    expect(jp.stdout).toBe(expected);

    const listJson = await k('get', kc.resource, '-o', 'json');
    expectCode(listJson, 0);
    const names = (JSON.parse(listJson.stdout).items as Obj[]).map((i) => i.metadata.name);
    expect(names).toContain(created);
  });

  it('create -f of an existing object is AlreadyExists', async () => {
    const r = await k('create', '-f', createFile);
    expectCode(r, 1);
    expect(r.stderr.trim()).toBe(`Error from server (AlreadyExists): error when creating "${createFile}": ${kc.plural} "${created}" already exists`);
  });

  it('apply -f creates with the last-applied annotation, is idempotent, then configures changes', async () => {
    const manifest = kc.manifest(applied, labels);
    const file = manifestFile(`${applied}.yaml`, [manifest]);
    const first = await k('apply', '-f', file);
    expectCode(first, 0);
    expect(first.stdout.trim()).toBe(`${kc.singular}/${applied} created`);

    const obj = JSON.parse((await k('get', kc.resource, applied, '-o', 'json')).stdout);
    const lastApplied = JSON.parse(obj.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
    expect(lastApplied).toMatchObject({ apiVersion: manifest.apiVersion, kind: kc.kind, metadata: { name: applied, labels } });
    kc.check(obj);

    // Nothing changed: kubectl sends no PATCH (or a no-op one) and the object keeps its revision.
    const again = await k('apply', '-f', file);
    expectCode(again, 0);
    expect(again.stdout.trim()).toBe(`${kc.singular}/${applied} ${kc.reapply ?? 'unchanged'}`);
    const same = JSON.parse((await k('get', kc.resource, applied, '-o', 'json')).stdout);
    // Controllers write some kinds' status meanwhile (a Deployment's), which moves the revision: what
    // kubectl owns must be untouched, and for kinds no controller writes, the revision too.
    const owned = (o: { metadata: { generation?: number; labels?: unknown; annotations?: unknown; managedFields?: { manager?: string }[] }; spec?: unknown }) =>
      JSON.stringify([o.metadata.generation, o.metadata.labels, o.metadata.annotations, o.spec, (o.metadata.managedFields ?? []).filter((f) => f.manager?.startsWith('kubectl'))]);
    expect(owned(same)).toBe(owned(obj));
    if (kc.kind !== 'Deployment') expect(same.metadata.resourceVersion).toBe(obj.metadata.resourceVersion);

    // A changed manifest goes out as a strategic merge patch.
    const changedFile = manifestFile(`${applied}-2.yaml`, [kc.manifest(applied, { ...labels, revision: 'two' })]);
    const third = await k('apply', '-f', changedFile);
    expectCode(third, 0);
    expect(third.stdout.trim()).toBe(`${kc.singular}/${applied} configured`);
    const changed = JSON.parse((await k('get', kc.resource, applied, '-o', 'json')).stdout);
    expect(changed.metadata.labels).toEqual({ ...labels, revision: 'two', ...(kc.kind === 'Namespace' ? { 'kubernetes.io/metadata.name': applied } : {}) });
    expect(Number(changed.metadata.resourceVersion)).toBeGreaterThan(Number(obj.metadata.resourceVersion));
    expect(JSON.parse(changed.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).metadata.labels.revision).toBe('two');
  });

  it('label and annotate, then select by label and by metadata.name', async () => {
    const l = await k('label', kc.resource, created, 'e2e-picked=yes');
    expectCode(l, 0);
    expect(l.stdout.trim()).toBe(`${kc.singular}/${created} labeled`);
    const a = await k('annotate', kc.resource, created, 'example.com/note=hello world');
    expectCode(a, 0);
    expect(a.stdout.trim()).toBe(`${kc.singular}/${created} annotated`);

    const obj = JSON.parse((await k('get', kc.resource, created, '-o', 'json')).stdout);
    expect(obj.metadata.labels).toMatchObject({ ...labels, 'e2e-picked': 'yes' });
    expect(obj.metadata.annotations).toMatchObject({ 'example.com/note': 'hello world' });
    expect(Number(obj.metadata.resourceVersion)).toBeGreaterThan(Number(createdRv));

    // Overwriting needs --overwrite, exactly as upstream.
    const clash = await k('label', kc.resource, created, 'e2e-picked=no');
    expectCode(clash, 1);
    expect(clash.stderr).toContain(`'e2e-picked' already has a value (yes), and --overwrite is false`);

    const picked = await k('get', kc.resource, '-l', 'e2e-picked=yes', '-o', 'name');
    expectCode(picked, 0);
    expect(picked.stdout.trim()).toBe(`${kc.singular}/${created}`);

    const setBased = await k('get', kc.resource, '-l', `suite=kubectl-e2e,kind in (${kc.kind.toLowerCase()}),!e2e-picked`, '-o', 'name');
    expectCode(setBased, 0);
    expect(setBased.stdout.trim()).toBe(`${kc.singular}/${applied}`);

    const byName = await k('get', kc.resource, '--field-selector', `metadata.name=${applied}`, '-o', 'name');
    expectCode(byName, 0);
    expect(byName.stdout.trim()).toBe(`${kc.singular}/${applied}`);

    const removed = await k('label', kc.resource, created, 'e2e-picked-');
    expectCode(removed, 0);
    expect(removed.stdout.trim()).toBe(`${kc.singular}/${created} unlabeled`);

    // kubectl words an empty result by the scope of what the server returned (an empty Table carries it).
    const none = await k('get', kc.resource, '-l', 'e2e-picked=nope');
    expectCode(none, 0);
    expect(none.stdout).toBe('');
    expect(none.stderr.trim()).toBe(kc.namespaced ? 'No resources found in default namespace.' : 'No resources found');
  });

  it('delete, then get is NotFound in kubectl wording', async () => {
    // Namespaces finalize asynchronously upstream (the namespace controller empties and removes them within
    // seconds); kubectl waits for that, so the timeout bounds it.
    const r = await kubectl.run(['delete', kc.resource, created, applied, '--timeout=15s'], 25_000);
    expectCode(r, 0);
    expect(r.stdout.trim().split('\n')).toEqual([`${kc.singular} "${created}" deleted`, `${kc.singular} "${applied}" deleted`]);

    for (const name of [created, applied]) {
      const gone = await k('get', kc.resource, name);
      expectCode(gone, 1);
      expect(gone.stdout).toBe('');
      expect(gone.stderr.trim()).toBe(`Error from server (NotFound): ${kc.plural} "${name}" not found`);
    }
  });
});

describe('kubectl discovery, version and explain', () => {
  it('version shows server v1.32', async () => {
    const r = await k('version');
    expectCode(r, 0);
    expect(r.stdout).toMatch(/^Server Version: v1\.32\.\d+/m);
    const json = await k('version', '-o', 'json');
    expectCode(json, 0);
    expect(JSON.parse(json.stdout).serverVersion).toMatchObject({ major: '1', minor: '32', gitVersion: expect.stringMatching(/^v1\.32\./) });
  });

  it('api-resources lists pods and deployments with their short names', async () => {
    const r = await k('api-resources');
    expectCode(r, 0);
    const rows = r.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(rows[0]).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
    expect(rows).toContainEqual(['pods', 'po', 'v1', 'true', 'Pod']);
    expect(rows).toContainEqual(['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
    expect(rows).toContainEqual(['configmaps', 'cm', 'v1', 'true', 'ConfigMap']);
    expect(rows).toContainEqual(['namespaces', 'ns', 'v1', 'false', 'Namespace']);
    expect(rows).toContainEqual(['roles', 'rbac.authorization.k8s.io/v1', 'true', 'Role']);

    const namespaced = await k('api-resources', '--namespaced=false', '-o', 'name');
    expectCode(namespaced, 0);
    expect(namespaced.stdout.split('\n')).toContain('namespaces');
    expect(namespaced.stdout.split('\n')).not.toContain('pods');
  });

  it('short names resolve (get po, get deploy, get cm)', async () => {
    for (const short of ['po', 'deploy', 'cm', 'svc', 'sa']) {
      const r = await k('get', short);
      expectCode(r, 0);
    }
  });

  it('get all lists the "all" category', async () => {
    const file = manifestFile('all.yaml', [
      kinds.find((x) => x.kind === 'Service')!.manifest('e2e-all', {}),
      kinds.find((x) => x.kind === 'Deployment')!.manifest('e2e-all', {}),
      kinds.find((x) => x.kind === 'ConfigMap')!.manifest('e2e-all', {}),
    ]);
    expectCode(await k('apply', '-f', file), 0);
    const r = await k('get', 'all');
    expectCode(r, 0);
    expect(r.stdout).toMatch(/^service\/e2e-all\s/m);
    expect(r.stdout).toMatch(/^deployment\.apps\/e2e-all\s/m);
    // ConfigMaps are not in the "all" category.
    expect(r.stdout).not.toContain('configmap/');
    expectCode(await k('delete', '-f', file), 0);
  });

  it('explain deployment.spec.replicas', async () => {
    const r = await k('explain', 'deployment.spec.replicas');
    expectCode(r, 0);
    expect(r.stdout).toMatch(/^GROUP:\s+apps$/m);
    expect(r.stdout).toMatch(/^KIND:\s+Deployment$/m);
    expect(r.stdout).toMatch(/^VERSION:\s+v1$/m);
    expect(r.stdout).toMatch(/^FIELD: replicas <integer>$/m);
    expect(r.stdout).toMatch(/DESCRIPTION:\n\s+\S/);
  });

  it('explain pod.spec.containers', async () => {
    const r = await k('explain', 'pod.spec.containers');
    expectCode(r, 0);
    expect(r.stdout).toMatch(/^KIND:\s+Pod$/m);
    expect(r.stdout).toMatch(/^FIELD: containers <\[\]Container>$/m);
    expect(r.stdout).toMatch(/^FIELDS:$/m);
    expect(r.stdout).toMatch(/^ {2}image\s+<string>/m);
    expect(r.stdout).toMatch(/^ {2}name\s+<string> -required-$/m);
    expect(r.stdout).toMatch(/^ {2}ports\s+<\[\]ContainerPort>/m);
  });

  it('explain of an unknown field names it', async () => {
    const r = await k('explain', 'deployment.spec.nope');
    expectCode(r, 1);
    expect(r.stderr).toContain('field "nope" does not exist');
  });
});

describe('kubectl server-side printing and defaults', () => {
  // Upstream serves `Accept: application/json;as=Table;g=meta.k8s.io;v=v1` with the per-kind columns;
  // without it kubectl falls back to NAME/AGE for every kind.
  it('get prints the upstream columns (server-side Table)', async () => {
    const file = manifestFile('table.yaml', [
      kinds.find((x) => x.kind === 'ConfigMap')!.manifest('e2e-table', {}),
      kinds.find((x) => x.kind === 'Service')!.manifest('e2e-table', {}),
      kinds.find((x) => x.kind === 'Deployment')!.manifest('e2e-table', {}),
    ]);
    expectCode(await k('apply', '-f', file), 0);
    try {
      const header = async (...args: string[]) => {
        const r = await k('get', ...args);
        expectCode(r, 0);
        return r.stdout.split('\n')[0].trim().split(/\s+/);
      };
      expect(await header('configmap', 'e2e-table')).toEqual(['NAME', 'DATA', 'AGE']);
      expect(await header('service', 'e2e-table')).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
      expect(await header('deployment', 'e2e-table')).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
      expect(await header('namespace', 'default')).toEqual(['NAME', 'STATUS', 'AGE']);
      const cm = await k('get', 'configmap', 'e2e-table');
      expect(cm.stdout.split('\n')[1]).toMatch(/^e2e-table\s+2\s+\d+s$/);
    } finally {
      await k('delete', '-f', file); // cleanup only: must not hide the failure above
    }
  });

  it('a ClusterIP Service gets a cluster IP allocated', async () => {
    const file = manifestFile('svc-ip.yaml', [kinds.find((x) => x.kind === 'Service')!.manifest('e2e-ip', {})]);
    expectCode(await k('create', '-f', file), 0);
    try {
      const svc = JSON.parse((await k('get', 'service', 'e2e-ip', '-o', 'json')).stdout);
      expect(svc.spec.clusterIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(svc.spec.clusterIPs).toEqual([svc.spec.clusterIP]);
    } finally {
      await k('delete', '-f', file); // cleanup only: must not hide the failure above
    }
  });
});

describe('kubectl get -w', () => {
  it('streams ADDED, MODIFIED and DELETED events as they happen', async () => {
    // A ConfigMap that exists before the watch: its ADDED line (from the initial list) tells us kubectl
    // has listed and is about to watch from the list's resourceVersion, so later changes cannot be missed.
    const sentinel = manifestFile('watch-sentinel.yaml', [kinds[0].manifest('e2e-watch-sentinel', {})]);
    expectCode(await k('create', '-f', sentinel), 0);

    const watch = kubectl.background(['get', 'configmaps', '-w', '--output-watch-events', '-o', 'json']);
    try {
      // With -o json each event is one compact JSON line: {"type":…,"object":{…}}.
      const event = (type: string, name: string) => (line: string) => {
        const e = JSON.parse(line);
        return e.type === type && e.object?.metadata?.name === name;
      };
      await watch.waitFor(event('ADDED', 'e2e-watch-sentinel'), 15_000);

      const file = manifestFile('watched.yaml', [kinds[0].manifest('e2e-watched', {})]);
      expectCode(await k('create', '-f', file), 0);
      const added = JSON.parse(await watch.waitFor(event('ADDED', 'e2e-watched'), 8_000));
      expect(added.object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1', data: { greeting: 'hello' } });

      expectCode(await k('label', 'configmap', 'e2e-watched', 'stage=two'), 0);
      const modified = JSON.parse(await watch.waitFor(event('MODIFIED', 'e2e-watched'), 8_000));
      expect(modified.object.metadata.labels).toEqual({ stage: 'two' });
      expect(Number(modified.object.metadata.resourceVersion)).toBeGreaterThan(Number(added.object.metadata.resourceVersion));

      expectCode(await k('delete', 'configmap', 'e2e-watched'), 0);
      await watch.waitFor(event('DELETED', 'e2e-watched'), 8_000);
      expect(watch.exitCode).toBeNull(); // the stream stays open; kubectl would exit if the server closed it
    } finally {
      await watch.kill();
      await k('delete', 'configmap', 'e2e-watch-sentinel', 'e2e-watched', '--ignore-not-found');
    }
  });
});
