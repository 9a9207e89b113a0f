// One sync's decision from API objects: bounds, the metric's proposal, conditions and event reasons.
import { describe, expect, it } from 'vitest';
import { newHistory } from './behavior';
import { type DecideInput, decide } from './decide';
import type { PodMetricsItem } from './inputs';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

function pod(name: string, cpuRequest: string | null = '200m') {
  return {
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'main', image: 'busybox', resources: cpuRequest ? { requests: { cpu: cpuRequest, memory: '64Mi' } } : {} }] },
    status: { phase: 'Running', startTime: ago(900), conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(890) }] },
  };
}
function usage(name: string, cpu: string, memory = '32Mi'): PodMetricsItem {
  return { metadata: { name }, timestamp: ago(5), window: '15s', containers: [{ name: 'main', usage: { cpu, memory } }] };
}
function hpa(extra: Record<string, unknown> = {}) {
  return {
    metadata: { name: 'web', namespace: 'default', generation: 1 },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }], ...extra },
  };
}
function input(current: number, names: string[], cpu: string, h = hpa()): DecideInput {
  return { hpa: h, currentReplicas: current, pods: names.map((n) => pod(n)) as never, metrics: names.map((n) => usage(n, cpu)), now: NOW, history: newHistory() };
}
const conds = (d: ReturnType<typeof decide>) => Object.fromEntries(d.conditions.map((c) => [c.type, `${c.status}/${c.reason}`]));

describe('HPA decision', () => {
  it('scales up on cpu above target with upstream’s reason text and status', () => {
    // 300m of a 200m request = 150% against 50%: triple, but at most max(2x, 4) per sync without behavior.
    const d = decide(input(2, ['a', 'b'], '300m'));
    expect(d.desiredReplicas).toBe(4);
    expect(d.rescale).toBe(true);
    expect(d.reason).toBe('cpu resource utilization (percentage of request) above target');
    expect(d.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 150, averageValue: '300m' } } }]);
    expect(conds(d)).toEqual({ AbleToScale: 'True/ReadyForNewScale', ScalingActive: 'True/ValidMetricFound', ScalingLimited: 'True/ScaleUpLimit' });
    const within = decide(input(4, ['a', 'b', 'c', 'd'], '150m'));
    expect([within.desiredReplicas, conds(within).ScalingLimited]).toEqual([6, 'False/DesiredWithinRange']);
  });

  it('reads nanocore usage as metrics-server reports it', () => {
    expect(decide(input(4, ['a', 'b', 'c', 'd'], '150000000n')).desiredReplicas).toBe(6);
  });

  it('holds a scale down for the default five-minute window, reporting why', () => {
    const d = decide(input(4, ['a', 'b', 'c', 'd'], '10m'));
    // First sight: no higher recommendation yet, so the low one applies at once.
    expect(d.desiredReplicas).toBe(1);
    expect(d.reason).toBe('All metrics below target');
    const h = newHistory();
    decide({ ...input(4, ['a', 'b', 'c', 'd'], '100m'), history: h });
    const held = decide({ ...input(4, ['a', 'b', 'c', 'd'], '10m'), history: h, now: NOW + 60_000 });
    expect(held.desiredReplicas).toBe(4);
    expect(held.rescale).toBe(false);
    expect(conds(held).AbleToScale).toBe('True/ScaleDownStabilized');
  });

  it('supports AverageValue targets for memory', () => {
    const h = hpa({ metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '16Mi' } } }] });
    const d = decide(input(1, ['a'], '1m', h));
    expect(d.desiredReplicas).toBe(2);
    expect(d.reason).toBe('memory resource above target');
    expect(d.currentMetrics).toEqual([{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '33554432' } } }]);
  });

  it('counts one container for ContainerResource metrics', () => {
    const h = hpa({ metrics: [{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'main', target: { type: 'Utilization', averageUtilization: 50 } } }] });
    const twoContainers: PodMetricsItem = { metadata: { name: 'a' }, timestamp: ago(5), window: '15s', containers: [{ name: 'main', usage: { cpu: '200m' } }, { name: 'side', usage: { cpu: '900m' } }] };
    const d = decide({ ...input(1, ['a'], '0', h), metrics: [twoContainers] });
    expect(d.desiredReplicas).toBe(2);
    expect(d.reason).toBe('cpu container resource utilization (percentage of request) above target');
    expect(d.currentMetrics).toEqual([{ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'main', current: { averageUtilization: 100, averageValue: '200m' } } }]);
  });

  it('takes the largest proposal of several metrics', () => {
    const h = hpa({ metrics: [hpa().spec.metrics[0], { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '8Mi' } } }] });
    expect(decide(input(1, ['a'], '100m', h)).desiredReplicas).toBe(4);
  });

  it('brings the target inside min and max before looking at metrics', () => {
    const over = decide(input(12, ['a'], '100m'));
    expect([over.desiredReplicas, over.reason]).toEqual([10, 'Current number of replicas above Spec.MaxReplicas']);
    const under = decide(input(0, [], '0', hpa({ minReplicas: 0 })));
    expect(under.rescale).toBe(false);
  });

  it('is disabled while the target is scaled to zero', () => {
    const d = decide(input(0, [], '0'));
    expect(d.rescale).toBe(false);
    expect(conds(d).ScalingActive).toBe('False/ScalingDisabled');
  });

  it('reports missing metrics and does not scale', () => {
    const d = decide({ ...input(3, ['a', 'b', 'c'], '100m'), metrics: [] });
    expect(d.rescale).toBe(false);
    expect(d.desiredReplicas).toBe(3);
    expect(conds(d).ScalingActive).toBe('False/FailedGetResourceMetric');
    expect(d.conditions.find((c) => c.type === 'ScalingActive')?.message).toBe('the HPA was unable to compute the replica count: did not receive metrics for targeted pods (pods might be unready)');
    expect(d.warnings.map(([r]) => r)).toEqual(['FailedGetResourceMetric', 'FailedComputeMetricsReplicas']);
  });

  it('refuses utilization without requests', () => {
    const d = decide({ ...input(1, ['a'], '100m'), pods: [pod('a', null)] as never });
    expect(d.conditions.find((c) => c.type === 'ScalingActive')?.message).toContain('missing request for cpu in container main of Pod a');
  });
});
