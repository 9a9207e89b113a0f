// The HPA's reaction on real containers (podman through the real agent, test/support/agent-cluster):
// a Deployment whose busybox pods spin while a ConfigMap key exists (cpu request 100m, limit 200m),
// an autoscaling/v2 HPA at 50% (min 1, max 3). Timed from switching the load on: when the metrics
// API first shows it, when the HPA raised the replicas, when the new replicas were Ready.
import { spawnSync } from 'node:child_process';
import { BUSYBOX_IMAGE, startAgentCluster } from '../../test/support/agent-cluster';
import type { Log } from './sim-phase';
import { until } from './sim-phase';

export interface HpaResult {
  pushSeconds: number;
  syncSeconds: number;
  loadSeenSeconds: number;
  decisionSeconds: number;
  readySeconds: number;
  from: number;
  to: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

export async function measureHpa(opts: { log: Log; pushSeconds?: number; syncSeconds?: number }): Promise<HpaResult | undefined> {
  if (spawnSync('podman', ['--version']).status !== 0) return undefined;
  const pushSeconds = opts.pushSeconds ?? 1;
  const syncSeconds = opts.syncSeconds ?? 1;
  const c = await startAgentCluster({ name: 'bench-hpa', config: { metricsPushSeconds: pushSeconds }, vars: { HPA_SYNC_PERIOD_SECONDS: String(syncSeconds) } });
  try {
    const api = c.stack.client;
    const ns = '/api/v1/namespaces/default';
    const deploy = '/apis/apps/v1/namespaces/default/deployments';
    const labels = { app: 'burn' };
    const map = (spin: boolean) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'load' }, data: spin ? { spin: 'true' } : { idle: 'true' } });
    await api.post(`${ns}/configmaps`, map(false));
    await api.post(deploy, {
      metadata: { name: 'burn' },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            terminationGracePeriodSeconds: 1,
            containers: [
              {
                name: 'main',
                image: BUSYBOX_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                command: ['sh', '-c', 'while :; do while [ -e /load/spin ]; do :; done; sleep 1; done'],
                resources: { requests: { cpu: '100m', memory: '16Mi' }, limits: { cpu: '200m', memory: '32Mi' } },
                volumeMounts: [{ name: 'load', mountPath: '/load' }],
              },
            ],
            volumes: [{ name: 'load', configMap: { name: 'load' } }],
          },
        },
      },
    });
    await api.post('/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers', {
      metadata: { name: 'burn' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'burn' }, minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
    });
    const d = async (): Promise<Obj> => (await api.get(`${deploy}/burn`)).json;
    await until('the first replica Ready', async () => ((await d()).status?.readyReplicas ?? 0) >= 1, 120_000);
    // Idle metrics flowing first, so "load seen" measures the load, not the first sample.
    await until('idle metrics', async () => {
      const pods = (await api.get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dburn')).json;
      return (pods?.items?.length ?? 0) >= 1;
    }, 120_000);
    opts.log('hpa: one idle replica with metrics; switching the load on');
    const t0 = performance.now();
    await api.put(`${ns}/configmaps/load`, map(true));
    const milli = (q: string) => (q.endsWith('n') ? Number(q.slice(0, -1)) / 1e6 : q.endsWith('u') ? Number(q.slice(0, -1)) / 1e3 : q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000);
    await until('load in the metrics', async () => {
      const pods = (await api.get('/apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dburn')).json;
      return (pods?.items ?? []).some((p: Obj) => p.containers?.some((x: Obj) => milli(x.usage.cpu) >= 100));
    }, 300_000);
    const t1 = performance.now();
    await until('scale decision', async () => (await d()).spec.replicas > 1, 300_000);
    const t2 = performance.now();
    const to = (await d()).spec.replicas as number;
    await until('new replicas Ready', async () => {
      const x = await d();
      return (x.status?.readyReplicas ?? 0) >= x.spec.replicas && x.spec.replicas > 1;
    }, 300_000);
    const t3 = performance.now();
    await api.put(`${ns}/configmaps/load`, map(false));
    return { pushSeconds, syncSeconds, loadSeenSeconds: (t1 - t0) / 1000, decisionSeconds: (t2 - t1) / 1000, readySeconds: (t3 - t2) / 1000, from: 1, to };
  } finally {
    await c.close();
  }
}
