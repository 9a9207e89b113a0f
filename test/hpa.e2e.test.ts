// The HorizontalPodAutoscaler end to end: a Deployment on simulated nodes whose pods report synthetic
// cpu usage (SimCluster's metrics opt-in, through the real metrics push and metrics.k8s.io) scales up
// when usage exceeds the target and back down after the HPA's (short) scale-down stabilization
// window; the real `kubectl get hpa` shows the targets. Short periods come from the stack's variables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../workers/kube/client';
import { createNodeFetcher, type NodeFetcher } from '../agent/src/http';
import { SimCluster, type SimMetricsPod } from '../agent/src/sim';
import { type TestStack, startTestStack } from './harness';
import { eventually } from './eventually';
import { Kubectl } from './kubectl';

let stack: TestStack;
let fetcher: NodeFetcher;
let sim: SimCluster;
let kubectl: Kubectl;
/** Each web pod's cpu usage: the test's load knob (requests are 100m). */
let webCpu = '10m';

const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const HPA = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';

beforeAll(async () => {
  stack = await startTestStack({ HPA_SYNC_PERIOD_SECONDS: '1' });
  kubectl = new Kubectl(stack.kubeconfig);
  fetcher = createNodeFetcher({ caPem: stack.caPem });
  const api = new ApiClient({ fetch: fetcher, baseUrl: stack.url, token: stack.token, userAgent: 'kubeflare-hpa-test' });
  const podUsage = (p: SimMetricsPod) => (p.metadata.labels?.app === 'web' ? { cpu: webCpu, memory: '20Mi' } : undefined);
  sim = new SimCluster({ api, nodes: { count: 3, namePrefix: 'hpa' }, markRunning: true, heartbeatSeconds: 5, metrics: { podUsage, intervalMs: 1000 } });
  await sim.start();
});
afterAll(async () => {
  await sim?.stop();
  fetcher?.close();
  kubectl?.close();
  await stack?.close();
});

async function deployment() {
  return (await stack.client.get(`${DEPLOY}/web`)).json;
}

describe('HorizontalPodAutoscaler', () => {
  it('scales a Deployment up under cpu load and down after the stabilization window', async () => {
    const labels = { app: 'web' };
    const created = await stack.client.post(DEPLOY, {
      metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'busybox', resources: { requests: { cpu: '100m', memory: '32Mi' } } }] } } },
    });
    expect(created.status).toBe(201);
    const hpa = await stack.client.post(HPA, {
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 4,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
        behavior: { scaleDown: { stabilizationWindowSeconds: 3, policies: [{ type: 'Percent', value: 100, periodSeconds: 1 }] } },
      },
    });
    expect(hpa.status, hpa.text).toBe(201);

    // Idle: 10% of the request, within bounds at one replica, reported in status.
    const idle = await eventually(async () => {
      const s = (await stack.client.get(`${HPA}/web`)).json.status;
      return s?.currentMetrics?.[0]?.resource?.current?.averageUtilization === 10 ? s : undefined;
    }, 20_000, 'idle metrics in the HPA status');
    expect(idle.desiredReplicas).toBe(1);
    expect(idle.conditions.find((c: { type: string }) => c.type === 'ScalingActive')).toMatchObject({ status: 'True', reason: 'ValidMetricFound' });

    // Load: 200m per pod is 200% of the request against a 50% target → 4 replicas (the max).
    const loadAt = Date.now();
    webCpu = '200m';
    let scaledMs = 0;
    await eventually(async () => {
      const d = await deployment();
      if (!scaledMs && d.spec.replicas === 4) scaledMs = Date.now() - loadAt;
      return d.status?.readyReplicas >= 4 ? true : undefined;
    }, 30_000, 'four ready replicas');
    // Reported, not asserted: load → scale written, and load → the new replicas ready.
    console.log(JSON.stringify({ msg: 'hpa reaction', loadToScaleMs: scaledMs, loadToReadyMs: Date.now() - loadAt }));
    const hpaUp = (await stack.client.get(`${HPA}/web`)).json;
    expect(hpaUp.status.lastScaleTime).toBeDefined();
    // The controller's event recorder sends events after its scale writes, in the background.
    const rescaleMessages = async () =>
      ((await stack.client.get('/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dweb,reason%3DSuccessfulRescale')).json.items as { message: string }[]).map((e) => e.message);
    const up = await eventually(async () => {
      const m = await rescaleMessages();
      return m.length ? m : undefined;
    }, 30_000, 'the scale-up event');
    expect(up).toContain('New size: 4; reason: cpu resource utilization (percentage of request) above target');

    const table = await kubectl.run(['get', 'hpa', 'web']);
    expect(table.code, table.stderr).toBe(0);
    const row = table.stdout.split('\n')[1].split(/\s{2,}/);
    expect(row.slice(0, 5)).toEqual(['web', 'Deployment/web', 'cpu: 200%/50%', '1', '4']);

    const described = await kubectl.run(['describe', 'hpa', 'web']);
    expect(described.code, described.stderr).toBe(0);
    expect(described.stdout).toMatch(/ScalingActive\s+True\s+ValidMetricFound/);
    expect(described.stdout).toMatch(/SuccessfulRescale\s+.*New size: 4; reason: cpu resource utilization \(percentage of request\) above target/);

    // Load gone: back to one replica, but only after the 3 s stabilization window.
    webCpu = '5m';
    const reasonsSeen = new Set<string>();
    await eventually(async () => {
      const s = (await stack.client.get(`${HPA}/web`)).json.status;
      for (const c of s?.conditions ?? []) reasonsSeen.add(c.reason);
      return (await deployment()).spec.replicas === 1 ? true : undefined;
    }, 30_000, 'scale down to one replica');
    // The window held the lower recommendation back before it applied.
    expect(reasonsSeen).toContain('ScaleDownStabilized');
    const down = await eventually(async () => {
      const m = await rescaleMessages();
      return m.includes('New size: 1; reason: All metrics below target') ? m : undefined;
    }, 30_000, 'the scale-down event');
    expect(down).toContain('New size: 1; reason: All metrics below target');
  });
});
