// The HorizontalPodAutoscaler with real containers and real metrics: `kubectl autoscale` (which sends
// autoscaling/v1, served by conversion from the stored v2) makes an HPA for a Deployment whose busybox
// pods spin (`while :; do :; done`, cpu request 100m) while a ConfigMap key says so; the agent pushes
// their measured usage every second, the HPA (synced every second) scales up, `kubectl get hpa` shows
// the TARGETS, and after the load stops it scales back down once its (short) stabilization window
// passed. Only eventual conditions with generous timeouts: no timing asserts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './eventually';
import { apply, busybox, startAgentCluster, type AgentCluster } from './support/agent-cluster';

let c: AgentCluster;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

const labels = { app: 'burn' };
const loadMap = (on: boolean) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'load', namespace: 'default' }, data: on ? { spin: 'true' } : { idle: 'true' } });
// Spins while /load/spin exists (the mounted ConfigMap key), idles otherwise.
const SPIN = 'while :; do while [ -e /load/spin ]; do :; done; sleep 1; done';
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'burn', namespace: 'default' },
  spec: {
    replicas: 1,
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [busybox('main', SPIN, { resources: { requests: { cpu: '100m', memory: '16Mi' }, limits: { cpu: '200m', memory: '32Mi' } }, volumeMounts: [{ name: 'load', mountPath: '/load' }] })],
        volumes: [{ name: 'load', configMap: { name: 'load' } }],
      },
    },
  },
};

beforeAll(async () => {
  // A 3 s kubelet sync frequency: the ConfigMap that switches the load reaches the pods within seconds.
  c = await startAgentCluster({ name: 'hpa', config: { metricsPushSeconds: 1, syncFrequencySeconds: 3 }, vars: { HPA_SYNC_PERIOD_SECONDS: '1' } });
}, 180_000);
afterAll(async () => {
  await c?.close();
});

const k = async (...args: string[]) => {
  const r = await c.kubectl.run(args, 60_000);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r;
};
const get = async (path: string): Promise<Obj> => (await c.stack.client.get(path)).json;
const deploy = () => get('/apis/apps/v1/namespaces/default/deployments/burn');

describe('HorizontalPodAutoscaler on real containers', () => {
  it('kubectl autoscale creates an autoscaling/v1 HPA, readable as v2', async () => {
    await apply(c, loadMap(false), deployment);
    await k('rollout', 'status', 'deployment/burn', '--timeout=120s');
    const r = await k('autoscale', 'deployment', 'burn', '--min=1', '--max=3', '--cpu-percent=50', '-v=6');
    expect(r.stdout).toContain('horizontalpodautoscaler.autoscaling/burn autoscaled');
    // kubectl 1.32 writes the v1 kind.
    expect(r.stderr).toMatch(/POST https:\/\/[^ ]+\/apis\/autoscaling\/v1\/namespaces\/default\/horizontalpodautoscalers/);

    const v1 = await get('/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/burn');
    expect(v1).toMatchObject({ apiVersion: 'autoscaling/v1', spec: { minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 50, scaleTargetRef: { kind: 'Deployment', name: 'burn' } } });
    const v2 = await get('/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/burn');
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect(v2.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]);
    // The same object (the HPA controller may have written its status between the two reads).
    expect(v2.metadata.uid).toBe(v1.metadata.uid);
    expect(Number(v2.metadata.resourceVersion)).toBeGreaterThanOrEqual(Number(v1.metadata.resourceVersion));

    // A short scale-down window through v2 (v1 has no field for it: it shows as an annotation there).
    const behavior = { scaleDown: { stabilizationWindowSeconds: 5, policies: [{ type: 'Percent', value: 100, periodSeconds: 1 }] } };
    await k('patch', 'hpa', 'burn', '--type=merge', '-p', JSON.stringify({ spec: { behavior } }));
    const carried = await get('/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/burn');
    expect(JSON.parse(carried.metadata.annotations['autoscaling.alpha.kubernetes.io/behavior']).scaleDown.stabilizationWindowSeconds).toBe(5);
  });

  it('scales up under cpu load and shows the utilization in kubectl get hpa', async () => {
    await apply(c, loadMap(true));
    const d = await eventually(async () => {
      const x = await deploy();
      return x.spec.replicas >= 2 && (x.status?.readyReplicas ?? 0) >= 2 ? x : undefined;
    }, 240_000, 'the Deployment scaled up to at least 2 ready replicas');
    expect(d.spec.replicas).toBeLessThanOrEqual(3);

    const v1 = await eventually(async () => {
      const h = await get('/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/burn');
      return h.status?.currentCPUUtilizationPercentage !== undefined ? h : undefined;
    }, 60_000, 'currentCPUUtilizationPercentage in the v1 status');
    // Each pod spins up to its 200m limit against a 100m request.
    expect(v1.status.currentCPUUtilizationPercentage).toBeGreaterThan(50);
    expect(v1.status.desiredReplicas).toBeGreaterThanOrEqual(2);

    const table = await k('get', 'hpa', 'burn');
    const [header, row] = table.stdout.trim().split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
    const targets = row.split(/\s{2,}/)[2];
    expect(targets).toMatch(/^cpu: \d+%\/50%$/);
    expect(Number(/cpu: (\d+)%/.exec(targets)![1])).toBeGreaterThan(50);
    // The v1 table (kubectl get hpa.v1.autoscaling) is the same table.
    const t1 = await k('get', 'horizontalpodautoscalers.v1.autoscaling', 'burn', '-o', 'jsonpath={.spec.targetCPUUtilizationPercentage}');
    expect(t1.stdout).toBe('50');
  });

  it('scales back down after the load stops and the stabilization window passed', async () => {
    await apply(c, loadMap(false));
    const d = await eventually(async () => {
      const x = await deploy();
      return x.spec.replicas === 1 && x.status?.replicas === 1 ? x : undefined;
    }, 240_000, 'the Deployment back at 1 replica');
    expect(d.status.readyReplicas).toBe(1);
    const h = await get('/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/burn');
    expect(h.status.desiredReplicas).toBe(1);
    const cond = h.status.conditions.find((x: Obj) => x.type === 'AbleToScale');
    expect(cond?.status).toBe('True');
  });
});
