// autoscaling/v1 HorizontalPodAutoscalers served next to the stored v2 by conversion: discovery and
// OpenAPI list both (v2 preferred), every verb (JSON and protobuf create, get, list, watch, tables,
// merge / strategic / JSON patch, server-side apply, update, status, delete) speaks v1 while the store
// and the v2 endpoint see one v2 object, and bad v1 input gets a Status error and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBody } from '../workers/kube/protobuf/encode.testing';
import { type TestStack, startTestStack } from './harness';
import { Kubectl } from './kubectl';

let stack: TestStack;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

const V1 = '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers';
const V2 = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';
const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const hpa = (name: string, spec: Obj = {}) => ({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name }, spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50, ...spec } });
const cpu = (n: number) => [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: n } } }];

beforeAll(async () => {
  stack = await startTestStack({}, { components: false });
});
afterAll(async () => {
  await stack?.close();
});

describe('autoscaling/v1 HorizontalPodAutoscaler', () => {
  it('is discovered next to v2, which stays the preferred version', async () => {
    const group = (await stack.client.get('/apis/autoscaling')).json;
    expect(group.versions.map((v: Obj) => v.version)).toEqual(['v2', 'v1']);
    expect(group.preferredVersion.version).toBe('v2');
    const list = (await stack.client.get('/apis/autoscaling/v1')).json;
    expect(list.resources.map((r: Obj) => r.name).sort()).toEqual(['horizontalpodautoscalers', 'horizontalpodautoscalers/status']);
    const agg = (await stack.client.get('/apis', { headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' } })).json;
    const versions = agg.items.find((g: Obj) => g.metadata.name === 'autoscaling').versions;
    expect(versions.map((v: Obj) => v.version)).toEqual(['v2', 'v1']);
    expect(versions[1].resources.find((r: Obj) => r.resource === 'horizontalpodautoscalers').responseKind).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler' });
    const openapi = (await stack.client.get('/openapi/v3/apis/autoscaling/v1')).json;
    expect(openapi.components.schemas['io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec'].properties.targetCPUUtilizationPercentage).toBeDefined();
    expect(openapi.components.schemas['io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerStatus'].properties.currentCPUUtilizationPercentage).toBeDefined();
  });

  it('creates from JSON and protobuf; the store and v2 see the cpu metric', async () => {
    const a = await stack.client.post(V1, hpa('json'));
    expect(a.status, a.text).toBe(201);
    expect(a.json).toMatchObject({ apiVersion: 'autoscaling/v1', spec: { targetCPUUtilizationPercentage: 50 }, status: { currentReplicas: 0, desiredReplicas: 0 } });
    const raw = Buffer.from(encodeBody(hpa('proto', { targetCPUUtilizationPercentage: 65 }), 'as1.HorizontalPodAutoscaler'));
    const b = await stack.client.request('POST', V1, { raw, headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' } });
    expect(b.status, b.text).toBe(201);
    const v2 = (await stack.client.get(`${V2}/proto`)).json;
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect(v2.spec.metrics).toEqual(cpu(65));
    const list = (await stack.client.get(V1)).json;
    expect(list).toMatchObject({ kind: 'HorizontalPodAutoscalerList', apiVersion: 'autoscaling/v1' });
    expect(list.items.map((i: Obj) => [i.apiVersion, i.metadata.name, i.spec.targetCPUUtilizationPercentage])).toEqual([
      ['autoscaling/v1', 'json', 50],
      ['autoscaling/v1', 'proto', 65],
    ]);
  });

  it('patches the v1 representation (merge, strategic, JSON patch) and keeps v2-only fields through a v1 update', async () => {
    const behavior = { scaleDown: { stabilizationWindowSeconds: 30 } };
    expect((await stack.client.patch(`${V2}/json`, { spec: { behavior } })).status).toBe(200);
    const merge = await stack.client.patch(`${V1}/json`, { spec: { targetCPUUtilizationPercentage: 70 } });
    expect(merge.status, merge.text).toBe(200);
    expect(merge.json.spec.targetCPUUtilizationPercentage).toBe(70);
    const smp = await stack.client.patch(`${V1}/json`, { spec: { maxReplicas: 7 } }, 'application/strategic-merge-patch+json');
    expect(smp.json.spec).toMatchObject({ maxReplicas: 7, targetCPUUtilizationPercentage: 70 });
    const jp = await stack.client.patch(`${V1}/json`, [{ op: 'replace', path: '/spec/minReplicas', value: 2 }], 'application/json-patch+json');
    expect(jp.status, jp.text).toBe(200);
    // A read-modify-write in v1 carries behavior in its annotation and keeps it.
    const current = (await stack.client.get(`${V1}/json`)).json;
    current.metadata.labels = { touched: 'yes' };
    const put = await stack.client.put(`${V1}/json`, current);
    expect(put.status, put.text).toBe(200);
    const v2 = (await stack.client.get(`${V2}/json`)).json;
    expect(v2.spec).toMatchObject({ minReplicas: 2, maxReplicas: 7, metrics: cpu(70) });
    expect(v2.spec.behavior.scaleDown.stabilizationWindowSeconds).toBe(30);
    expect(v2.metadata.labels).toEqual({ touched: 'yes' });
    expect(v2.metadata.annotations ?? {}).toEqual({});
  });

  it('applies server-side in v1', async () => {
    const r = await stack.client.request('PATCH', `${V1}/ssa?fieldManager=e2e`, { raw: JSON.stringify(hpa('ssa', { targetCPUUtilizationPercentage: 40 })), headers: { 'Content-Type': 'application/apply-patch+yaml' } });
    expect(r.status, r.text).toBe(201);
    expect(r.json.spec.targetCPUUtilizationPercentage).toBe(40);
    const again = await stack.client.request('PATCH', `${V1}/ssa?fieldManager=e2e`, { raw: JSON.stringify(hpa('ssa', { targetCPUUtilizationPercentage: 45 })), headers: { 'Content-Type': 'application/apply-patch+yaml' } });
    expect(again.status, again.text).toBe(200);
    expect((await stack.client.get(`${V2}/ssa`)).json.spec.metrics).toEqual(cpu(45));
  });

  it('reports v2 status as v1 status (currentCPUUtilizationPercentage) and writes v1 status', async () => {
    const status = { currentReplicas: 2, desiredReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 90, averageValue: '90m' } } }] };
    expect((await stack.client.patch(`${V2}/proto/status`, { status })).status).toBe(200);
    const s = (await stack.client.get(`${V1}/proto/status`)).json;
    expect(s.status).toEqual({ currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 90 });
    const w = await stack.client.patch(`${V1}/proto/status`, { status: { desiredReplicas: 4 } });
    expect(w.status, w.text).toBe(200);
    expect((await stack.client.get(`${V2}/proto`)).json.status).toMatchObject({ desiredReplicas: 4, currentMetrics: status.currentMetrics });
  });

  it('serves tables and watch events in v1', async () => {
    const t = (await stack.client.get(`${V1}/proto`, { headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } })).json;
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.map((c: Obj) => c.name)).toContain('Targets');
    expect(t.rows[0].cells[2]).toBe('cpu: 90%/65%');
    const watch = stack.client.watch(`${V1}?watch=true`);
    await watch.opened;
    await stack.client.patch(`${V2}/proto`, { spec: { maxReplicas: 9 } });
    const events = await watch.until((es) => es.some((e) => e.type === 'MODIFIED' && e.object.metadata.name === 'proto'));
    watch.stop();
    for (const e of events) expect(e.object.apiVersion).toBe('autoscaling/v1');
    expect(events.find((e) => e.type === 'MODIFIED')!.object.spec.maxReplicas).toBe(9);
  });

  it('refuses bad v1 input with a Status and stores nothing', async () => {
    const typed = await stack.client.post(V1, { ...hpa('bad'), spec: { ...hpa('bad').spec, targetCPUUtilizationPercentage: 'lots' } });
    expect(typed.status).toBe(400);
    expect(typed.json.kind).toBe('Status');
    const unknown = await stack.client.post(`${V1}?fieldValidation=Strict`, { ...hpa('bad'), spec: { ...hpa('bad').spec, metrics: cpu(50) } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toContain('unknown field "spec.metrics"');
    const invalid = await stack.client.post(V1, hpa('bad', { minReplicas: 3, maxReplicas: 2 }));
    expect(invalid.status).toBe(422);
    const carried = await stack.client.post(V1, { ...hpa('bad'), metadata: { name: 'bad', annotations: { 'autoscaling.alpha.kubernetes.io/metrics': '[{"type":"Nope","nope":{}}]' } } });
    expect(carried.status).toBeGreaterThanOrEqual(400);
    expect(carried.status).toBeLessThan(500);
    const badPatch = await stack.client.patch(`${V1}/json`, { spec: { targetCPUUtilizationPercentage: -5 } });
    expect(badPatch.status).toBe(422);
    expect((await stack.client.get(`${V1}/bad`)).status).toBe(404);
    expect((await stack.client.get(`${V1}/json`)).json.spec.targetCPUUtilizationPercentage).toBe(70);
  });

  it('takes kubectl autoscale as sent: an autoscaling/v1 protobuf body', async () => {
    const kubectl = new Kubectl(stack.kubeconfig);
    try {
      const labels = { app: 'web' };
      const d = await stack.client.post('/apis/apps/v1/namespaces/default/deployments', {
        metadata: { name: 'web' },
        spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
      });
      expect(d.status, d.text).toBe(201);
      const r = await kubectl.run(['autoscale', 'deployment', 'web', '--min=2', '--max=4', '--cpu-percent=60', '-v=8']);
      expect(r.code, r.stderr).toBe(0);
      const post = r.stderr.split('\n').findIndex((l) => /POST https:\/\/\S+\/apis\/autoscaling\/v1\/namespaces\/default\/horizontalpodautoscalers/.test(l));
      expect(post).toBeGreaterThanOrEqual(0);
      // kubectl 1.32 sends it as protobuf (the as1 descriptor decodes it).
      const sent = /Content-Type: (\S+)/.exec(r.stderr.split('\n').slice(post, post + 8).join('\n'))?.[1];
      expect(sent).toBe('application/vnd.kubernetes.protobuf');
      const v2 = (await stack.client.get(`${V2}/web`)).json;
      expect(v2.spec).toMatchObject({ minReplicas: 2, maxReplicas: 4, metrics: cpu(60), scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' } });
      const table = await kubectl.run(['get', 'hpa', 'web']);
      expect(table.stdout).toMatch(/web\s+Deployment\/web\s+cpu: <unknown>\/60%\s+2\s+4\s+0/);
    } finally {
      kubectl.close();
    }
  });

  it('deletes through v1', async () => {
    const d = await stack.client.delete(`${V1}/json`);
    expect(d.status).toBe(200);
    expect(d.json.apiVersion).toBe('autoscaling/v1');
    expect((await stack.client.get(`${V2}/json`)).status).toBe(404);
  });
});
