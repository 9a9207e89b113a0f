import { describe, it, expect } from 'vitest';
import { admit, unknownFields } from '../../apps/testing/helpers';
import { horizontalPodAutoscalers } from './index';

// What `kubectl autoscale deployment web --max=5 --dry-run=client -o yaml` prints, nulls removed.
const kubectlAutoscale = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web' },
  spec: { maxReplicas: 5, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } },
  status: { currentReplicas: 0, desiredReplicas: 0 },
};

describe('HorizontalPodAutoscaler', () => {
  it('accepts what kubectl autoscale prints and defaults min replicas and CPU at 80%', () => {
    const { obj, errors } = admit(horizontalPodAutoscalers, kubectlAutoscale);
    expect(errors).toEqual([]);
    expect(obj.spec.minReplicas).toBe(1);
    expect(obj.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(obj.spec.behavior).toBeUndefined();
  });

  it('fills a partly given behavior the way upstream does', () => {
    const h = structuredClone(kubectlAutoscale) as any;
    h.spec.behavior = { scaleDown: { stabilizationWindowSeconds: 60 } };
    const { obj, errors } = admit(horizontalPodAutoscalers, h);
    expect(errors).toEqual([]);
    expect(obj.spec.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  it('accepts every metric source and a full status', () => {
    const h = structuredClone(kubectlAutoscale) as any;
    const target = { type: 'AverageValue', averageValue: '100m' };
    h.spec.metrics = [
      { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } } },
      { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } } },
      { type: 'Pods', pods: { metric: { name: 'rps', selector: { matchLabels: { a: 'b' } } }, target } },
      { type: 'Object', object: { describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' }, metric: { name: 'rps' }, target: { type: 'Value', value: '10k' } } },
      { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: 30 } } },
    ];
    h.status = {
      observedGeneration: 1, lastScaleTime: '2026-01-01T00:00:00Z', currentReplicas: 2, desiredReplicas: 2,
      currentMetrics: [{ type: 'Resource', resource: { name: 'memory', current: { averageUtilization: 50, averageValue: '1Gi' } } }],
      conditions: [{ type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' }],
    };
    expect(admit(horizontalPodAutoscalers, h).errors).toEqual([]);
  });

  it('reports unknown fields', () => {
    const h = structuredClone(kubectlAutoscale) as any;
    h.spec.targetCPUUtilizationPercentage = 50; // a v1 field, unknown in v2
    expect(unknownFields(horizontalPodAutoscalers, h)).toEqual(['spec.targetCPUUtilizationPercentage']);
  });

  it('checks replica bounds and the target reference', () => {
    const h = structuredClone(kubectlAutoscale) as any;
    h.spec = { minReplicas: 3, maxReplicas: 2, scaleTargetRef: { kind: 'Deployment', name: 'a/b' } };
    expect(admit(horizontalPodAutoscalers, h).errors).toEqual([
      'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
      "spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'",
    ]);
    h.spec = { minReplicas: 0 };
    expect(admit(horizontalPodAutoscalers, h).errors).toEqual([
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
      'spec.maxReplicas: Invalid value: 0: must be greater than 0',
      'spec.scaleTargetRef.kind: Required value',
      'spec.scaleTargetRef.name: Required value',
    ]);
  });

  it('checks metric sources and targets', () => {
    const h = structuredClone(kubectlAutoscale) as any;
    h.spec.metrics = [
      { type: 'Resource', pods: { metric: { name: 'x' }, target: { type: 'AverageValue', averageValue: '1' } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0, averageValue: '-1' } } },
      { type: 'Bananas' },
    ];
    expect(admit(horizontalPodAutoscalers, h).errors).toEqual([
      'spec.metrics[0].resource: Required value: must populate information for the given metric source',
      'spec.metrics[0].pods: Forbidden: must populate the given metric source only',
      'spec.metrics[1].resource.target.averageValue: Invalid value: "-1": must be positive',
      'spec.metrics[1].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
      'spec.metrics[1].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization',
      'spec.metrics[2].type: Unsupported value: "Bananas": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
    ]);
  });

  it('checks behavior rules', () => {
    const h = structuredClone(kubectlAutoscale) as any;
    h.spec.behavior = { scaleUp: { stabilizationWindowSeconds: 4000, selectPolicy: 'Avg', policies: [] }, scaleDown: { policies: [{ type: 'Nodes', value: 0, periodSeconds: 2000 }] } };
    expect(admit(horizontalPodAutoscalers, h).errors).toEqual([
      'spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 4000: must be less than or equal to 3600',
      'spec.behavior.scaleUp.selectPolicy: Unsupported value: "Avg": supported values: "Disabled", "Max", "Min"',
      'spec.behavior.scaleUp.policies: Required value: must specify at least one Policy',
      'spec.behavior.scaleDown.policies[0].type: Unsupported value: "Nodes": supported values: "Percent", "Pods"',
      'spec.behavior.scaleDown.policies[0].value: Invalid value: 0: must be greater than zero',
      'spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 2000: must be less than or equal to 1800',
    ]);
  });

  it('is an autoscaling/v2 resource in the all category', () => {
    expect(horizontalPodAutoscalers).toMatchObject({ group: 'autoscaling', version: 'v2', shortNames: ['hpa'], categories: ['all'], status: true });
  });
});
