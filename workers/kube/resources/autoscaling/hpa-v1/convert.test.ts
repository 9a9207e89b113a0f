import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../registry/types';
import { BEHAVIOR_ANNOTATION, CONDITIONS_ANNOTATION, METRICS_ANNOTATION, hpaV1ToV2, hpaV2ToV1 } from './convert';

const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const cpu = (n: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: n } } });
const memory = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } };

describe('autoscaling/v1 <-> v2 HorizontalPodAutoscaler', () => {
  it('turns targetCPUUtilizationPercentage into a cpu Utilization metric and back', () => {
    const v1: KObject = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50 } };
    const v2 = hpaV1ToV2(v1);
    expect(v2).toEqual({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 5, metrics: [cpu(50)] } });
    expect(hpaV2ToV1(v2)).toEqual({ ...v1, status: { currentReplicas: 0, desiredReplicas: 0 } });
  });

  it('reports the current cpu utilization in v1 status', () => {
    const v2: KObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: ref, maxReplicas: 5, metrics: [cpu(50)] },
      status: { currentReplicas: 2, desiredReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 90, averageValue: '90m' } } }] },
    };
    expect(hpaV2ToV1(v2).status).toEqual({ currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 90 });
    // The measured value beside the percentage survives a v1 round trip (in the current-metrics annotation).
    expect(hpaV1ToV2(hpaV2ToV1(v2)).status).toEqual(v2.status);
    // A v1 client's own percentage, without the annotation, becomes the cpu current metric.
    const fromV1 = hpaV1ToV2({ metadata: { name: 'web' }, spec: { maxReplicas: 3 }, status: { currentReplicas: 1, desiredReplicas: 1, currentCPUUtilizationPercentage: 40 } });
    expect((fromV1.status as { currentMetrics: unknown }).currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 40 } } }]);
  });

  it('keeps what v1 cannot say in annotations, so a v1 round trip loses nothing', () => {
    const conditions = [{ type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' }];
    const behavior = { scaleDown: { stabilizationWindowSeconds: 5 } };
    const v2: KObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', annotations: { team: 'a' } },
      spec: { scaleTargetRef: ref, minReplicas: 2, maxReplicas: 5, metrics: [memory, cpu(60)], behavior },
      status: { currentReplicas: 2, desiredReplicas: 2, conditions },
    };
    const v1 = hpaV2ToV1(v2);
    expect(v1.spec).toEqual({ scaleTargetRef: ref, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 60 });
    expect(JSON.parse(v1.metadata.annotations![METRICS_ANNOTATION])).toEqual([memory]);
    expect(JSON.parse(v1.metadata.annotations![BEHAVIOR_ANNOTATION])).toEqual(behavior);
    expect(JSON.parse(v1.metadata.annotations![CONDITIONS_ANNOTATION])).toEqual(conditions);
    const back = hpaV1ToV2(v1);
    expect(back.metadata.annotations).toEqual({ team: 'a' });
    // The cpu metric comes first after a round trip (as upstream), the rest unchanged.
    expect(back.spec).toEqual({ ...(v2.spec as object), metrics: [cpu(60), memory] });
    expect(back.status).toEqual(v2.status);
  });

  it('leaves metrics out when v1 names none, so the storage version’s default applies', () => {
    const v2 = hpaV1ToV2({ metadata: { name: 'web' }, spec: { scaleTargetRef: ref, maxReplicas: 3 } });
    expect((v2.spec as { metrics?: unknown }).metrics).toBeUndefined();
  });

  it('refuses annotations that are not JSON of the right shape', () => {
    for (const [key, value] of [[METRICS_ANNOTATION, 'nope'], [METRICS_ANNOTATION, '{}'], [BEHAVIOR_ANNOTATION, '[]'], [CONDITIONS_ANNOTATION, '3']]) {
      expect(() => hpaV1ToV2({ metadata: { name: 'web', annotations: { [key]: value } }, spec: { maxReplicas: 3 } }), `${key}=${value}`).toThrow(/cannot be handled/);
    }
  });
});
