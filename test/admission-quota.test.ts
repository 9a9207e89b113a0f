// Admission against the real stack: Priority (PriorityClass → spec.priority), DefaultTolerationSeconds,
// LimitRange defaults and bounds, and ResourceQuota counts and compute limits kept exact under 50
// concurrent creates, with upstream's Forbidden messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, startTestStack } from './harness';
import { Kubectl } from './kubectl';

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

const api = () => stack.client;
const podBody = (name: string, extra: Record<string, unknown> = {}, resources?: object) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'c', image: 'busybox', ...(resources ? { resources } : {}) }], ...extra },
});

async function namespace(name: string) {
  const r = await api().post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  expect(r.status, r.text).toBe(201);
}

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, tries = 200): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < tries; i++) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: last seen ${JSON.stringify(last)}`);
}

describe('Priority admission', () => {
  beforeAll(async () => {
    await namespace('prio');
    const r = await api().post('/apis/scheduling.k8s.io/v1/priorityclasses', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000, preemptionPolicy: 'Never' });
    expect(r.status, r.text).toBe(201);
  });

  it('creates the built-in system classes at bootstrap', async () => {
    const r = await api().get('/apis/scheduling.k8s.io/v1/priorityclasses');
    const values = Object.fromEntries(r.json.items.map((pc: { metadata: { name: string }; value: number }) => [pc.metadata.name, pc.value]));
    expect(values).toMatchObject({ 'system-cluster-critical': 2000000000, 'system-node-critical': 2000001000 });
  });

  it.each([
    { name: 'p-high', spec: { priorityClassName: 'high' }, status: 201, priority: 1000, policy: 'Never' },
    { name: 'p-critical', spec: { priorityClassName: 'system-cluster-critical' }, status: 201, priority: 2000000000, policy: 'PreemptLowerPriority' },
    { name: 'p-none', spec: {}, status: 201, priority: 0, policy: 'PreemptLowerPriority' },
    { name: 'p-same', spec: { priorityClassName: 'high', priority: 1000 }, status: 201, priority: 1000, policy: 'Never' },
    { name: 'p-unknown', spec: { priorityClassName: 'nope' }, status: 403, message: 'pods "p-unknown" is forbidden: no PriorityClass with name nope was found' },
    {
      name: 'p-own',
      spec: { priority: 7 },
      status: 403,
      message: 'pods "p-own" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    },
  ])('$name → $status', async ({ name, spec, status, priority, policy, message }) => {
    const r = await api().post('/api/v1/namespaces/prio/pods', podBody(name, spec));
    expect(r.status, r.text).toBe(status);
    if (message) {
      expect(r.json.reason).toBe('Forbidden');
      expect(r.json.message).toBe(message);
    } else {
      expect(r.json.spec.priority).toBe(priority);
      expect(r.json.spec.preemptionPolicy).toBe(policy);
    }
  });

  it('gives pods naming no class the global default; a second default is refused', async () => {
    const body = (name: string, value: number) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, globalDefault: true });
    expect((await api().post('/apis/scheduling.k8s.io/v1/priorityclasses', body('everyday', 500))).status).toBe(201);
    const second = await api().post('/apis/scheduling.k8s.io/v1/priorityclasses', body('other', 600));
    expect(second.status).toBe(403);
    expect(second.json.message).toBe('priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass everyday is already marked as default. Only one default can exist');
    const high = (await api().get('/apis/scheduling.k8s.io/v1/priorityclasses/high')).json;
    const update = await api().put('/apis/scheduling.k8s.io/v1/priorityclasses/high', { ...high, globalDefault: true });
    expect(update.status).toBe(403);
    const r = await api().post('/api/v1/namespaces/prio/pods', podBody('p-default'));
    expect(r.status, r.text).toBe(201);
    expect(r.json.spec).toMatchObject({ priorityClassName: 'everyday', priority: 500 });
    expect((await api().delete('/apis/scheduling.k8s.io/v1/priorityclasses/everyday')).status).toBe(200);
  });
});

describe('DefaultTolerationSeconds admission', () => {
  it('adds not-ready and unreachable tolerations of 300 s unless the pod has its own', async () => {
    await namespace('tol');
    const own = { tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }] };
    const a = await api().post('/api/v1/namespaces/tol/pods', podBody('plain'));
    const b = await api().post('/api/v1/namespaces/tol/pods', podBody('own', own));
    expect(a.json.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(b.json.spec.tolerations).toEqual([own.tolerations[0], { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
    const d = await kubectl.run(['describe', 'pod', 'plain', '-n', 'tol']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toContain('node.kubernetes.io/not-ready:NoExecute op=Exists for 300s');
    expect(d.stdout).toContain('node.kubernetes.io/unreachable:NoExecute op=Exists for 300s');
  });
});

describe('LimitRange admission', () => {
  beforeAll(async () => {
    await namespace('limits');
    const r = await api().post('/api/v1/namespaces/limits/limitranges', {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'bounds' },
      spec: {
        limits: [
          { type: 'Container', max: { cpu: '1' }, default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } },
          { type: 'PersistentVolumeClaim', max: { storage: '1Gi' } },
        ],
      },
    });
    expect(r.status, r.text).toBe(201);
  });

  it('applies the defaults to a new pod and recomputes its QoS class', async () => {
    const r = await api().post('/api/v1/namespaces/limits/pods', podBody('defaulted'));
    expect(r.status, r.text).toBe(201);
    expect(r.json.spec.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(r.json.metadata.annotations['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container c; cpu, memory limit for container c');
    expect(r.json.status.qosClass).toBe('Burstable');
  });

  it('refuses a container over the max with upstream message', async () => {
    const r = await api().post('/api/v1/namespaces/limits/pods', podBody('big', {}, { limits: { cpu: '2' } }));
    expect(r.status).toBe(403);
    expect(r.json.reason).toBe('Forbidden');
    expect(r.json.message).toBe('pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  });

  it('refuses a claim over the max', async () => {
    const r = await api().post('/api/v1/namespaces/limits/persistentvolumeclaims', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'huge' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
    });
    expect(r.status).toBe(403);
    expect(r.json.message).toBe('persistentvolumeclaims "huge" is forbidden: maximum storage usage per PersistentVolumeClaim is 1Gi, but request is 5Gi');
  });
});

describe('ResourceQuota admission', () => {
  const quota = (ns: string, name: string, hard: Record<string, string>) =>
    api().post(`/api/v1/namespaces/${ns}/resourcequotas`, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: { hard } });
  const used = async (ns: string, name: string) => (await api().get(`/api/v1/namespaces/${ns}/resourcequotas/${name}`)).json.status?.used;

  it('admits exactly 5 of 50 concurrent pod creates under pods=5, and counts a delete', async () => {
    await namespace('q-pods');
    expect((await quota('q-pods', 'pods', { pods: '5' })).status).toBe(201);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => api().post('/api/v1/namespaces/q-pods/pods', podBody(`p${i}`))));
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 403);
    expect(created.length).toBe(5);
    expect(refused.length).toBe(45);
    expect(refused[0].json.message).toMatch(/^pods "p\d+" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=5, limited: pods=5$/);
    expect((await api().get('/api/v1/namespaces/q-pods/pods')).json.items.length).toBe(5);
    await eventually(() => used('q-pods', 'pods'), (u) => u?.pods === '5', 'status.used.pods = 5');
    expect((await api().delete(`/api/v1/namespaces/q-pods/pods/${created[0].json.metadata.name}`)).status).toBe(200);
    await eventually(() => used('q-pods', 'pods'), (u) => u?.pods === '4', 'status.used.pods = 4');
    // The freed room is usable at once, and only once.
    const again = await Promise.all([0, 1, 2].map((i) => api().post('/api/v1/namespaces/q-pods/pods', podBody(`again${i}`))));
    expect(again.filter((r) => r.status === 201).length).toBe(1);
  });

  it('counts pods that existed before the quota', async () => {
    await namespace('q-before');
    for (const n of ['a', 'b']) expect((await api().post('/api/v1/namespaces/q-before/pods', podBody(n))).status).toBe(201);
    expect((await quota('q-before', 'pods', { pods: '2' })).status).toBe(201);
    // The quota controller asks the API to count what is there; status shows it.
    await eventually(() => used('q-before', 'pods'), (u) => u?.pods === '2', 'status.used.pods = 2 from the recalculation');
    const r = await api().post('/api/v1/namespaces/q-before/pods', podBody('c'));
    expect(r.status).toBe(403);
    expect(r.json.message).toBe('pods "c" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2');
    // Gone with its quota: nothing limits the namespace any more, and a new quota counts afresh.
    expect((await api().delete('/api/v1/namespaces/q-before/resourcequotas/pods')).status).toBe(200);
    expect((await api().post('/api/v1/namespaces/q-before/pods', podBody('c'))).status).toBe(201);
    expect((await quota('q-before', 'pods', { pods: '4' })).status).toBe(201);
    expect((await api().post('/api/v1/namespaces/q-before/pods', podBody('d'))).status).toBe(201);
    expect((await api().post('/api/v1/namespaces/q-before/pods', podBody('e'))).json.message).toBe('pods "e" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=4, limited: pods=4');
  });

  it('refuses a pod over requests.cpu and one that states no limits', async () => {
    await namespace('q-cpu');
    expect((await quota('q-cpu', 'compute', { 'requests.cpu': '1', 'limits.cpu': '2' })).status).toBe(201);
    const res = (cpu: string) => ({ requests: { cpu }, limits: { cpu } });
    expect((await api().post('/api/v1/namespaces/q-cpu/pods', podBody('ok', {}, res('600m')))).status).toBe(201);
    const over = await api().post('/api/v1/namespaces/q-cpu/pods', podBody('over', {}, res('500m')));
    expect(over.status).toBe(403);
    expect(over.json.message).toBe('pods "over" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1');
    const bare = await api().post('/api/v1/namespaces/q-cpu/pods', podBody('bare'));
    expect(bare.status).toBe(403);
    expect(bare.json.message).toBe('pods "bare" is forbidden: failed quota: compute: must specify limits.cpu for: c; requests.cpu for: c');
    await eventually(() => used('q-cpu', 'compute'), (u) => u?.['requests.cpu'] === '600m' && u?.['limits.cpu'] === '600m', 'compute usage');
  });

  it('limits count/configmaps', async () => {
    await namespace('q-cm');
    // The root CA publisher puts kube-root-ca.crt into every namespace (it counts, as upstream).
    const existing = await eventually(
      async () => (await api().get('/api/v1/namespaces/q-cm/configmaps')).json.items.length as number,
      (n) => n > 0,
      'kube-root-ca.crt',
      30,
    ).catch(() => 0);
    expect((await quota('q-cm', 'objects', { 'count/configmaps': String(existing + 2) })).status).toBe(201);
    const cm = (name: string) => api().post('/api/v1/namespaces/q-cm/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: 'b' } });
    expect((await cm('a')).status).toBe(201);
    expect((await cm('b')).status).toBe(201);
    const third = await cm('c');
    expect(third.status).toBe(403);
    const full = existing + 2;
    expect(third.json.message).toBe(`configmaps "c" is forbidden: exceeded quota: objects, requested: count/configmaps=1, used: count/configmaps=${full}, limited: count/configmaps=${full}`);
    await eventually(() => used('q-cm', 'objects'), (u) => u?.['count/configmaps'] === String(full), 'configmap count');
  });
});

describe('namespaces without LimitRanges or ResourceQuotas (creates skip the reads, their batch is guarded)', () => {
  it('applies a LimitRange created after the namespace was seen bare to the very next pod', async () => {
    await namespace('bare-lr');
    for (const n of ['first', 'second']) {
      const r = await api().post('/api/v1/namespaces/bare-lr/pods', podBody(n));
      expect(r.status, r.text).toBe(201);
      expect(r.json.spec.containers[0].resources ?? {}).toEqual({});
    }
    const lr = await api().post('/api/v1/namespaces/bare-lr/limitranges', {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults' },
      spec: { limits: [{ type: 'Container', default: { cpu: '300m' }, defaultRequest: { cpu: '50m' } }] },
    });
    expect(lr.status, lr.text).toBe(201);
    const third = await api().post('/api/v1/namespaces/bare-lr/pods', podBody('third'));
    expect(third.status, third.text).toBe(201);
    expect(third.json.spec.containers[0].resources).toEqual({ requests: { cpu: '50m' }, limits: { cpu: '300m' } });
    expect(third.json.metadata.name).toBe('third');
    expect((await api().delete('/api/v1/namespaces/bare-lr/limitranges/defaults')).status).toBe(200);
    for (const n of ['fourth', 'fifth']) {
      const r = await api().post('/api/v1/namespaces/bare-lr/pods', podBody(n));
      expect(r.status, r.text).toBe(201);
      expect(r.json.spec.containers[0].resources ?? {}).toEqual({});
    }
  });

  it('holds a ResourceQuota created after the namespace was seen bare from the next create on', async () => {
    await namespace('bare-q');
    // Pods: nothing else creates them in the background (unlike ConfigMaps: kube-root-ca.crt).
    for (const n of ['a', 'b']) expect((await api().post('/api/v1/namespaces/bare-q/pods', podBody(n))).status).toBe(201);
    const q = await api().post('/api/v1/namespaces/bare-q/resourcequotas', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'two' }, spec: { hard: { pods: '2' } } });
    expect(q.status, q.text).toBe(201);
    const refused = await api().post('/api/v1/namespaces/bare-q/pods', podBody('c'));
    expect(refused.status, refused.text).toBe(403);
    expect(refused.json.message).toBe('pods "c" is forbidden: exceeded quota: two, requested: pods=1, used: pods=2, limited: pods=2');
  });
});
