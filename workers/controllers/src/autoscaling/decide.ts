// One HPA sync decision, pure: from the target's current replicas, its pods and their metrics, the
// replicas to set, the status (currentMetrics) and the conditions, with upstream's reasons and
// messages. The adapter (controller.ts) reads the inputs and carries the decision out.
import type { HorizontalPodAutoscaler } from '../../../kube/resources/autoscaling/hpa/schema';
import type { MetricSpec } from '../../../kube/resources/autoscaling/hpa/metrics';
import type { Pod } from '../controllers/common/types';
import { type HpaHistory, type Verdict, normalize } from './behavior';
import { type PodMetricsItem, hpaPodOf, milliQuantity, podMetricsOf } from './inputs';
import { averageValueReplicas, utilizationReplicas } from './replicas';
import { ReplicaCalcError } from './types';
import { parseQuantity, quantityToMilli } from '../../../kube/quantity';

export interface Condition {
  type: 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';
  status: 'True' | 'False';
  reason: string;
  message: string;
}

export interface DecideInput {
  hpa: HorizontalPodAutoscaler;
  /** The target's spec.replicas from its /scale. */
  currentReplicas: number;
  pods: Pod[];
  metrics: PodMetricsItem[];
  now: number;
  history: HpaHistory;
  downscaleStabilizationMs?: number;
}

export interface Decision {
  desiredReplicas: number;
  rescale: boolean;
  /** For the SuccessfulRescale event: "cpu resource utilization (percentage of request) above target". */
  reason: string;
  currentMetrics: unknown[];
  conditions: Condition[];
  /** Metric problems, for Warning events: [reason, message]. */
  warnings: [string, string][];
}

interface MetricResult {
  replicas: number;
  name: string;
  status: unknown;
}

/** Upstream's metric names, as they appear in conditions and events. */
function metricName(spec: MetricSpec): string {
  const src = spec.type === 'ContainerResource' ? spec.containerResource : spec.resource;
  const kind = spec.type === 'ContainerResource' ? 'container resource' : 'resource';
  return src?.target.type === 'Utilization' ? `${src.name} ${kind} utilization (percentage of request)` : `${src?.name} ${kind}`;
}

function computeOne(spec: MetricSpec, input: DecideInput): MetricResult {
  const src = spec.type === 'ContainerResource' ? spec.containerResource : spec.type === 'Resource' ? spec.resource : undefined;
  if (!src) throw new ReplicaCalcError('InvalidMetricSourceType', `unsupported metric source type "${spec.type}"`);
  const container = spec.type === 'ContainerResource' ? spec.containerResource?.container : undefined;
  const calc = {
    currentReplicas: input.currentReplicas,
    pods: input.pods.map((p) => hpaPodOf(p, src.name, container)),
    metrics: podMetricsOf(input.metrics, src.name, container),
    resource: src.name,
    now: input.now,
  };
  const key = spec.type === 'ContainerResource' ? 'containerResource' : 'resource';
  const ident = container === undefined ? { name: src.name } : { name: src.name, container };
  if (src.target.type === 'Utilization' && src.target.averageUtilization !== undefined) {
    const p = utilizationReplicas(calc, src.target.averageUtilization);
    return { replicas: p.replicas, name: metricName(spec), status: { type: spec.type, [key]: { ...ident, current: { averageUtilization: p.utilization, averageValue: milliQuantity(p.averageValue) } } } };
  }
  if (src.target.type === 'AverageValue' && src.target.averageValue !== undefined) {
    const target = Number(quantityToMilli(parseQuantity(src.target.averageValue)));
    const p = averageValueReplicas(calc, target);
    return { replicas: p.replicas, name: metricName(spec), status: { type: spec.type, [key]: { ...ident, current: { averageValue: milliQuantity(p.averageValue) } } } };
  }
  throw new ReplicaCalcError('FailedGetResourceMetric', `invalid target for ${src.name}: ${src.target.type}`);
}

export function decide(input: DecideInput): Decision {
  const spec = input.hpa.spec ?? {};
  const min = spec.minReplicas ?? 1;
  const max = spec.maxReplicas ?? min;
  const current = input.currentReplicas;
  const conditions: Condition[] = [{ type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" }];
  const warnings: [string, string][] = [];
  const done = (desired: number, reason: string, currentMetrics: unknown[] = []): Decision => ({ desiredReplicas: desired, rescale: desired !== current, reason, currentMetrics, conditions, warnings });

  if (current === 0 && min !== 0) {
    conditions.push({ type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' });
    return done(0, '');
  }
  if (current > max) return done(max, 'Current number of replicas above Spec.MaxReplicas');
  if (current < min) return done(min, 'Current number of replicas below Spec.MinReplicas');

  // Every metric proposes; the largest proposal wins (upstream's computeReplicasForMetrics).
  let proposal = -1;
  let proposer = '';
  let invalid = 0;
  let firstError: ReplicaCalcError | undefined;
  const statuses: unknown[] = [];
  for (const m of spec.metrics ?? []) {
    try {
      const r = computeOne(m, input);
      statuses.push(r.status);
      if (r.replicas > proposal) [proposal, proposer] = [r.replicas, r.name];
    } catch (e) {
      if (!(e instanceof ReplicaCalcError)) throw e;
      invalid++;
      firstError ??= e;
      statuses.push({ type: '' });
      warnings.push([e.reason, e.message]);
    }
  }
  const count = (spec.metrics ?? []).length;
  // With a metric unreadable, never scale down on the others alone: the unknown one might need more.
  if (firstError && (invalid >= count || proposal < current)) {
    conditions.push({ type: 'ScalingActive', status: 'False', reason: firstError.reason, message: `the HPA was unable to compute the replica count: ${firstError.message}` });
    warnings.push(['FailedComputeMetricsReplicas', `invalid metrics (${invalid} invalid out of ${count}), first error is: ${firstError.message}`]);
    return { ...done(current, '', statuses), rescale: false };
  }
  conditions.push({ type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${proposer}` });
  const n = normalize({ current, desired: proposal, min, max, behavior: spec.behavior, now: input.now, downscaleStabilizationMs: input.downscaleStabilizationMs }, input.history);
  for (const v of n.conditions) upsert(conditions, v);
  const reason = n.replicas > current ? `${proposer} above target` : n.replicas < current ? 'All metrics below target' : '';
  return done(n.replicas, reason, statuses);
}

function upsert(list: Condition[], v: Verdict): void {
  const i = list.findIndex((c) => c.type === v.type);
  if (i >= 0) list[i] = v;
  else list.push(v);
}
