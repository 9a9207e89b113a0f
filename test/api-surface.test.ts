// The REST surface beyond plain CRUD: health and version, discovery, OpenAPI, generation and
// finalizer semantics, subresources, dry run, pagination, CRDs and access reviews.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, startTestStack } from './harness';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

const deployment = (name: string, replicas = 1) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
});
const DEPLOYS = '/apis/apps/v1/namespaces/default/deployments';

describe('public endpoints', () => {
  it('serves version 1.32 and health without a token', async () => {
    const c = stack.client;
    const v = await c.get('/version', { token: null });
    expect(v.json).toMatchObject({ major: '1', minor: '32' });
    for (const p of ['/healthz', '/livez', '/readyz']) expect((await c.get(p, { token: null })).text).toBe('ok');
    const r = await c.get('/api/v1/namespaces', { token: null });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
  });

  it('starts with the system namespaces', async () => {
    const names = (await stack.client.get('/api/v1/namespaces')).json.items.map((n: { metadata: { name: string } }) => n.metadata.name);
    expect(names).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });
});

describe('discovery and OpenAPI', () => {
  it('serves aggregated discovery when asked and legacy lists otherwise', async () => {
    const c = stack.client;
    const agg = await c.get('/apis', { headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' } });
    expect(agg.headers['content-type']).toContain('as=APIGroupDiscoveryList');
    const apps = agg.json.items.find((g: { metadata: { name: string } }) => g.metadata.name === 'apps');
    const deploy = apps.versions[0].resources.find((r: { resource: string }) => r.resource === 'deployments');
    expect(deploy).toMatchObject({ scope: 'Namespaced', shortNames: ['deploy'], categories: ['all'], responseKind: { kind: 'Deployment' } });
    const legacy = await c.get('/apis/apps/v1');
    expect(legacy.json.resources.map((r: { name: string }) => r.name)).toContain('deployments/scale');
    expect((await c.get('/api')).json.versions).toEqual(['v1']);
  });

  it('serves OpenAPI v3 with the PATCH fieldValidation parameter kubectl looks for', async () => {
    const c = stack.client;
    const index = await c.get('/openapi/v3');
    const url = index.json.paths['apis/apps/v1'].serverRelativeURL as string;
    expect(url).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]+$/);
    const doc = (await c.get(url)).json;
    const item = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'];
    expect(item.patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    const params = [...(item.parameters ?? []), ...(item.patch.parameters ?? [])].map((p: { name?: string; $ref?: string }) => p.name ?? p.$ref);
    expect(params.some((p) => String(p).includes('fieldValidation'))).toBe(true);
    expect(doc.components.schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
  });
});

describe('object lifecycle', () => {
  it('bumps generation only for spec changes', async () => {
    const c = stack.client;
    const d = (await c.post(DEPLOYS, deployment('gen'))).json;
    expect(d.metadata.generation).toBe(1);
    const labelled = (await c.patch(`${DEPLOYS}/gen`, { metadata: { labels: { x: 'y' } } })).json;
    expect(labelled.metadata.generation).toBe(1);
    expect(Number(labelled.metadata.resourceVersion)).toBeGreaterThan(Number(d.metadata.resourceVersion));
    const scaled = (await c.patch(`${DEPLOYS}/gen`, { spec: { replicas: 3 } })).json;
    expect(scaled.metadata.generation).toBe(2);
  });

  it('keeps an object with finalizers until the last one is removed', async () => {
    const c = stack.client;
    const path = '/api/v1/namespaces/default/configmaps';
    await c.post(path, { metadata: { name: 'fin', finalizers: ['example.com/hold'] } });
    const del = await c.delete(`${path}/fin`);
    expect(del.status).toBe(200);
    expect(del.json.metadata.deletionTimestamp).toBeTruthy();
    const still = await c.get(`${path}/fin`);
    expect(still.status).toBe(200);
    expect(still.json.metadata.deletionTimestamp).toBe(del.json.metadata.deletionTimestamp);
    expect((await c.patch(`${path}/fin`, { metadata: { finalizers: null } })).status).toBe(200);
    expect((await c.get(`${path}/fin`)).status).toBe(404);
  });

  it('names objects from generateName and stores nothing on dryRun', async () => {
    const c = stack.client;
    const path = '/api/v1/namespaces/default/configmaps';
    const g = await c.post(path, { metadata: { generateName: 'gen-' } });
    expect(g.status).toBe(201);
    expect(g.json.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
    const dry = await c.post(`${path}?dryRun=All`, { metadata: { name: 'dry' }, data: { a: 'b' } });
    expect(dry.status).toBe(201);
    expect(dry.json.metadata.uid).toBeTruthy();
    expect((await c.get(`${path}/dry`)).status).toBe(404);
  });

  it('pages a list with limit and continue', async () => {
    const c = stack.client;
    const path = '/api/v1/namespaces/kube-public/configmaps';
    for (let i = 0; i < 7; i++) await c.post(path, { metadata: { name: `page-${i}` } });
    const seen: string[] = [];
    let token = '';
    for (let pages = 0; pages < 10; pages++) {
      const r = await c.get(`${path}?limit=3${token ? `&continue=${token}` : ''}`);
      seen.push(...r.json.items.map((i: { metadata: { name: string } }) => i.metadata.name));
      token = r.json.metadata.continue ?? '';
      if (!token) break;
    }
    // kube-root-ca.crt is in every namespace (the root CA publisher), as upstream.
    expect(seen.filter((n) => n !== 'kube-root-ca.crt')).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `page-${i}`));
  });
});

describe('subresources', () => {
  it('serves scale and keeps status out of main-resource writes', async () => {
    const c = stack.client;
    await c.post(DEPLOYS, deployment('sc', 2));
    const scale = await c.get(`${DEPLOYS}/sc/scale`);
    expect(scale.json).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { selector: 'app=sc' } });
    const patched = await c.patch(`${DEPLOYS}/sc/scale`, { spec: { replicas: 5 } });
    expect(patched.json.spec.replicas).toBe(5);
    expect((await c.get(`${DEPLOYS}/sc`)).json.spec.replicas).toBe(5);
    // (the deployment controller writes this status too, so only the value 9 is ours)
    const withStatus = await c.patch(`${DEPLOYS}/sc`, { status: { replicas: 9 } });
    expect(withStatus.json.status?.replicas).not.toBe(9);
    const st = await c.patch(`${DEPLOYS}/sc/status`, { status: { replicas: 9 }, spec: { replicas: 1 } });
    expect(st.json.status.replicas).toBe(9);
    expect(st.json.spec.replicas).toBe(5);
  });

  it('binds a pod once, then evicts it', async () => {
    const c = stack.client;
    const pods = '/api/v1/namespaces/default/pods';
    // Another scheduler's pod, so the default scheduler leaves the binding to this test.
    await c.post(pods, { metadata: { name: 'bindme' }, spec: { schedulerName: 'manual', containers: [{ name: 'c', image: 'busybox' }] } });
    const bind = await c.post(`${pods}/bindme/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bindme' }, target: { kind: 'Node', name: 'node-1' } });
    expect(bind.status).toBe(201);
    const pod = (await c.get(`${pods}/bindme`)).json;
    expect(pod.spec.nodeName).toBe('node-1');
    expect(pod.status.conditions.find((x: { type: string }) => x.type === 'PodScheduled').status).toBe('True');
    const again = await c.post(`${pods}/bindme/binding`, { metadata: { name: 'bindme' }, target: { kind: 'Node', name: 'node-2' } });
    expect(again.status).toBe(409);
    const byNode = await c.get(`${pods}?fieldSelector=spec.nodeName%3Dnode-1`);
    expect(byNode.json.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(['bindme']);
    const evict = await c.post(`${pods}/bindme/eviction`, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'bindme' }, deleteOptions: { gracePeriodSeconds: 0 } });
    expect(evict.status).toBe(201);
    expect((await c.get(`${pods}/bindme`)).status).toBe(404);
  });

  it('deletes a namespace with its contents', async () => {
    const c = stack.client;
    await c.post('/api/v1/namespaces', { metadata: { name: 'doomed' } });
    await c.post('/api/v1/namespaces/doomed/configmaps', { metadata: { name: 'a' } });
    const del = await c.delete('/api/v1/namespaces/doomed');
    expect(del.status).toBe(200);
    for (let i = 0; i < 50 && (await c.get('/api/v1/namespaces/doomed')).status !== 404; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await c.get('/api/v1/namespaces/doomed')).status).toBe(404);
    expect((await c.get('/api/v1/namespaces/doomed/configmaps/a')).status).toBe(404);
  });
});

describe('custom resources', () => {
  it('serves a CRD kind with validation, discovery and OpenAPI', async () => {
    const c = stack.client;
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer', minimum: 1 } } } } } } }],
      },
    };
    expect((await c.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd)).status).toBe(201);
    const path = '/apis/example.com/v1/namespaces/default/widgets';
    const ok = await c.post(path, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 2 } });
    expect(ok.status).toBe(201);
    const bad = await c.post(path, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w2' }, spec: { size: 0 } });
    expect(bad.status).toBe(422);
    const unknown = await c.post(`${path}?fieldValidation=Strict`, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w3' }, spec: { colour: 'red' } });
    expect(unknown.status).toBe(400);
    const disc = await c.get('/apis', { headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' } });
    expect(disc.json.items.some((g: { metadata: { name: string } }) => g.metadata.name === 'example.com')).toBe(true);
    expect((await c.get('/openapi/v3')).json.paths['apis/example.com/v1']).toBeTruthy();
    expect((await c.get(`${path}/w1`)).json.spec.size).toBe(2);
  });
});

describe('access reviews', () => {
  it('answers SelfSubjectAccessReview and SelfSubjectReview without storing them', async () => {
    const c = stack.client;
    const r = await c.post('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { spec: { resourceAttributes: { verb: 'create', resource: 'pods', namespace: 'default' } } });
    expect(r.status).toBe(201);
    expect(r.json.status.allowed).toBe(true);
    const who = await c.post('/apis/authentication.k8s.io/v1/selfsubjectreviews', {});
    expect(who.json.status.userInfo).toMatchObject({ username: 'admin', groups: ['system:masters', 'system:authenticated'] });
    expect((await c.get('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')).status).toBe(405);
  });
});

describe('service address allocation', () => {
  const SVCS = '/api/v1/namespaces/default/services';
  const svc = (name: string, spec: Record<string, unknown> = {}) => ({ metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } });

  it('has the kubernetes Service at the first address of the range', async () => {
    const k = (await stack.client.get(`${SVCS}/kubernetes`)).json;
    expect(k.spec).toMatchObject({ clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443 }] });
  });

  it('gives concurrent creates distinct cluster IPs and node ports in range', async () => {
    const c = stack.client;
    const made = await Promise.all(Array.from({ length: 20 }, (_, i) => c.post(SVCS, svc(`alloc-${i}`, { type: 'NodePort' }))));
    expect(made.map((r) => r.status)).toEqual(Array(20).fill(201));
    const ips = made.map((r) => r.json.spec.clusterIP as string);
    const ports = made.map((r) => r.json.spec.ports[0].nodePort as number);
    expect(new Set(ips).size).toBe(20);
    expect(new Set(ports).size).toBe(20);
    for (const ip of ips) expect(ip).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    for (const p of ports) expect(p >= 30000 && p <= 32767).toBe(true);
  });

  it('refuses an explicit address someone holds, and frees it on delete', async () => {
    const c = stack.client;
    expect((await c.post(SVCS, svc('fixed-a', { clusterIP: '10.96.5.5' }))).status).toBe(201);
    const taken = await c.post(SVCS, svc('fixed-b', { clusterIP: '10.96.5.5' }));
    expect(taken.status).toBe(422);
    expect(taken.json.message).toContain('provided IP is already allocated');
    const outside = await c.post(SVCS, svc('fixed-c', { clusterIP: '192.168.1.1' }));
    expect(outside.status).toBe(422);
    expect(outside.json.message).toContain('is not in the valid range');
    expect((await c.delete(`${SVCS}/fixed-a`)).status).toBe(200);
    expect((await c.post(SVCS, svc('fixed-b', { clusterIP: '10.96.5.5' }))).status).toBe(201);
    const port = await c.post(SVCS, svc('np-a', { type: 'NodePort', ports: [{ port: 80, nodePort: 31000 }] }));
    expect(port.status).toBe(201);
    const dup = await c.post(SVCS, svc('np-b', { type: 'NodePort', ports: [{ port: 80, nodePort: 31000 }] }));
    expect(dup.status).toBe(422);
    expect(dup.json.details.causes[0].field).toBe('spec.ports[0].nodePort');
  });

  it('allocates node ports when a Service becomes NodePort and keeps its cluster IP', async () => {
    const c = stack.client;
    const made = (await c.post(SVCS, svc('grow'))).json;
    const grown = await c.patch(`${SVCS}/grow`, { spec: { type: 'NodePort' } });
    expect(grown.status).toBe(200);
    expect(grown.json.spec.clusterIP).toBe(made.spec.clusterIP);
    expect(grown.json.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
  });
});

describe('server-side apply', () => {
  const CMS = '/api/v1/namespaces/default/configmaps';
  const apply = (body: unknown, manager: string, extra = '') =>
    stack.client.request('PATCH', `${CMS}/ssa?fieldManager=${manager}${extra}`, { raw: JSON.stringify(body), headers: { 'Content-Type': 'application/apply-patch+yaml' } });
  const cm = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa' }, data });

  it('creates, shares, conflicts, forces and removes fields by manager', async () => {
    const created = await apply(cm({ a: '1', b: '2' }), 'alice');
    expect(created.status).toBe(201);
    expect(created.json.metadata.managedFields).toMatchObject([{ manager: 'alice', operation: 'Apply', fieldsV1: { 'f:data': { 'f:a': {}, 'f:b': {} } } }]);
    // Same value: shared ownership, no conflict.
    expect((await apply(cm({ a: '1' }), 'bob')).status).toBe(200);
    const conflict = await apply(cm({ a: 'changed' }), 'bob');
    expect(conflict.status).toBe(409);
    expect(conflict.json.message).toBe('Apply failed with 1 conflict: conflict with "alice": .data.a');
    expect(conflict.json.details.causes[0]).toMatchObject({ reason: 'FieldManagerConflict', field: '.data.a' });
    const forced = await apply(cm({ a: 'changed' }), 'bob', '&force=true');
    expect(forced.status).toBe(200);
    expect(forced.json.data).toEqual({ a: 'changed', b: '2' });
    // alice stops applying b: nobody else owns it, so it goes.
    const removed = await apply(cm({}), 'alice');
    expect(removed.json.data).toEqual({ a: 'changed' });
    const missing = await stack.client.request('PATCH', `${CMS}/ssa`, { raw: '{}', headers: { 'Content-Type': 'application/apply-patch+yaml' } });
    expect(missing.status).toBe(422);
  });

  it('records an Update entry for ordinary writes', async () => {
    const c = stack.client;
    await c.post(`${CMS}?fieldManager=creator`, { metadata: { name: 'mf' }, data: { x: '1' } });
    const patched = await c.patch(`${CMS}/mf?fieldManager=patcher`, { data: { y: '2' } });
    const managers = patched.json.metadata.managedFields.map((m: { manager: string; operation: string }) => `${m.manager}/${m.operation}`);
    expect(managers).toEqual(['creator/Update', 'patcher/Update']);
  });
});
