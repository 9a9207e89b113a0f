// The adapter around the decisions: which API calls one sync makes, what it writes, and that the
// controller's own status writes do not make it sync more than once per period.
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../kube/client';
import type { KObject } from '../../../kube/registry/types';
import { StatusError } from '../../../kube/status';
import { Cache } from '../runtime/cache';
import { Expectations } from '../runtime/expectations';
import type { ReconcileContext } from '../runtime/types';
import { makeHorizontalPodAutoscalerController } from './controller';

const HPAS = 'autoscaling/horizontalpodautoscalers';
const NOW = Date.parse('2026-11-26T12:00:00Z');
const SCALE = '/apis/apps/v1/namespaces/default/deployments/web/scale';

function world(cpu: string) {
  const calls: string[] = [];
  const events: string[] = [];
  let replicas = 2;
  const pod = (name: string) => ({
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'main', resources: { requests: { cpu: '100m' } } }] },
    status: { phase: 'Running', startTime: '2026-11-26T11:00:00Z', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-26T11:00:05Z' }] },
  });
  const api = {
    get: async (path: string) => {
      calls.push(`GET ${path}`);
      if (path === SCALE) return { spec: { replicas }, status: { replicas, selector: 'app=web' } };
      throw new StatusError(404, 'NotFound', 'nope');
    },
    list: async (path: string, params: Record<string, string>) => {
      calls.push(`LIST ${path}?${new URLSearchParams(params)}`);
      if (path.startsWith('/api/v1/')) return { metadata: {}, items: [pod('a'), pod('b')] };
      return { metadata: {}, items: ['a', 'b'].map((name) => ({ metadata: { name }, timestamp: '2026-11-26T11:59:59Z', window: '15s', containers: [{ name: 'main', usage: { cpu } }] })) };
    },
    patch: async (path: string, body: { spec: { replicas: number } }) => {
      calls.push(`PATCH ${path} ${JSON.stringify(body)}`);
      replicas = body.spec.replicas;
      return {};
    },
    update: async (path: string, body: KObject) => {
      calls.push(`PUT ${path}`);
      return { ...body, metadata: { ...body.metadata, resourceVersion: '2' } };
    },
  };
  const cache = new Cache();
  cache.apply(HPAS, 'ADDED', {
    metadata: { name: 'web', namespace: 'default', uid: 'u1', generation: 1 },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
  } as KObject);
  const ctx = (now: number): ReconcileContext => ({
    api: api as unknown as ApiClient,
    cache,
    expectations: new Expectations(),
    now,
    env: { HPA_SYNC_PERIOD_SECONDS: '15' },
    event: (_o, type, reason, message) => events.push(`${type} ${reason}: ${message}`),
  });
  return { calls, events, cache, ctx, replicas: () => replicas };
}

describe('HPA controller', () => {
  it('reads /scale, pods and metrics by the scale selector, rescales, records an event and its status', async () => {
    const w = world('100m');
    const c = makeHorizontalPodAutoscalerController();
    expect(await c.reconcile('default/web', w.ctx(NOW))).toEqual({ requeueAfterMs: 15_000 });
    expect(w.calls).toEqual([
      `GET ${SCALE}`,
      'LIST /api/v1/namespaces/default/pods?labelSelector=app%3Dweb',
      'LIST /apis/metrics.k8s.io/v1beta1/namespaces/default/pods?labelSelector=app%3Dweb',
      `PATCH ${SCALE} {"spec":{"replicas":4}}`,
      'PUT /apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web/status',
    ]);
    expect(w.events).toEqual(['Normal SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target']);
    const status = (w.cache.get(HPAS, 'default/web') as KObject & { status: Record<string, unknown> }).status;
    expect(status).toMatchObject({ currentReplicas: 2, desiredReplicas: 4, lastScaleTime: '2026-11-26T12:00:00Z', currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 100, averageValue: '100m' } } }] });
    expect((status.conditions as { type: string; reason: string }[]).map((x) => `${x.type}/${x.reason}`)).toEqual(['AbleToScale/SucceededRescale', 'ScalingActive/ValidMetricFound', 'ScalingLimited/DesiredWithinRange']);
  });

  it('syncs once per period however often it is woken, and again at once after a spec change', async () => {
    const w = world('50m');
    const c = makeHorizontalPodAutoscalerController();
    await c.reconcile('default/web', w.ctx(NOW));
    const after = w.calls.length;
    expect(await c.reconcile('default/web', w.ctx(NOW + 2000))).toEqual({ requeueAfterMs: 13_000 });
    expect(w.calls.length).toBe(after);
    const hpa = w.cache.get(HPAS, 'default/web')!;
    w.cache.apply(HPAS, 'MODIFIED', { ...hpa, metadata: { ...hpa.metadata, generation: 2 } });
    await c.reconcile('default/web', w.ctx(NOW + 3000));
    expect(w.calls.length).toBeGreaterThan(after);
  });

  it('does not rewrite an unchanged status', async () => {
    const w = world('50m');
    const c = makeHorizontalPodAutoscalerController();
    await c.reconcile('default/web', w.ctx(NOW));
    expect(w.calls.filter((x) => x.startsWith('PUT'))).toHaveLength(1);
    await c.reconcile('default/web', w.ctx(NOW + 15_000));
    expect(w.calls.filter((x) => x.startsWith('PUT'))).toHaveLength(1);
    expect(w.replicas()).toBe(2);
  });

  it('reports a target it cannot read', async () => {
    const w = world('50m');
    const hpa = w.cache.get(HPAS, 'default/web')!;
    w.cache.apply(HPAS, 'MODIFIED', { ...hpa, spec: { ...(hpa.spec as object), scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gone' } } });
    await makeHorizontalPodAutoscalerController().reconcile('default/web', w.ctx(NOW));
    expect(w.events[0]).toMatch(/^Warning FailedGetScale: /);
    const conditions = ((w.cache.get(HPAS, 'default/web') as KObject & { status: { conditions: { type: string; status: string; reason: string }[] } }).status.conditions);
    expect(conditions).toMatchObject([{ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale' }]);
  });
});
