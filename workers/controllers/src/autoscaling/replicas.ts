// The replica calculator for resource metrics, as upstream's pkg/controller/podautoscaler: pods are
// grouped into ready (counted), unready and missing (treated conservatively so they never cause a
// flip in scale direction) and ignored (deleting, failed); the usage ratio to the target gives the
// proposal, within a tolerance of 10% nothing changes.
import { type HpaPod, type PodMetric, type Proposal, ReplicaCalcError } from './types';

export const DEFAULT_TOLERANCE = 0.1;
/** Upstream's --horizontal-pod-autoscaler-cpu-initialization-period. */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
/** Upstream's --horizontal-pod-autoscaler-initial-readiness-delay. */
export const INITIAL_READINESS_DELAY_MS = 30_000;

export interface CalcInput {
  currentReplicas: number;
  pods: HpaPod[];
  metrics: Map<string, PodMetric>;
  /** cpu: unready pods are judged by readiness; other resources count every pod with a metric. */
  resource: string;
  now: number;
  tolerance?: number;
}

interface Groups {
  ready: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

/** Upstream's groupPods. */
export function groupPods(pods: HpaPod[], metrics: Map<string, PodMetric>, resource: string, now: number): Groups {
  const g: Groups = { ready: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    if (pod.deleting || pod.phase === 'Failed') {
      g.ignored.add(pod.name);
      continue;
    }
    // A pending pod has not started: counted as unready whatever its metrics say.
    if (pod.phase === 'Pending') {
      g.unready.add(pod.name);
      continue;
    }
    const metric = metrics.get(pod.name);
    if (!metric) {
      g.missing.add(pod.name);
      continue;
    }
    if (resource === 'cpu') {
      let unready: boolean;
      if (!pod.ready || pod.startTime === undefined) unready = true;
      else if (pod.startTime + CPU_INITIALIZATION_PERIOD_MS > now) {
        // While starting, cpu is noisy: only a sample taken wholly after the pod became ready counts.
        unready = pod.ready.status === 'False' || metric.timestamp < (pod.ready.since ?? 0) + metric.windowMs;
      } else {
        // Later, a pod counts unless it has never been ready since its start.
        unready = pod.ready.status === 'False' && pod.startTime + INITIAL_READINESS_DELAY_MS > (pod.ready.since ?? 0);
      }
      if (unready) {
        g.unready.add(pod.name);
        continue;
      }
    }
    g.ready++;
  }
  return g;
}

/** Sum of each pod's requests for the resource; a container without one makes utilization undefined. */
export function podRequests(pods: HpaPod[], resource: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    for (const [container, request] of Object.entries(pod.requests)) {
      if (request === undefined) throw new ReplicaCalcError('FailedGetResourceMetric', `missing request for ${resource} in container ${container} of Pod ${pod.name}`);
      sum += request;
    }
    out.set(pod.name, sum);
  }
  return out;
}

type Ratio = (metrics: Map<string, PodMetric>) => { ratio: number; utilization?: number; average: number };

/** Utilization against requests (target in percent). */
export function utilizationReplicas(input: CalcInput, targetUtilization: number): Proposal {
  const requests = podRequests(input.pods.filter((p) => !p.deleting && p.phase !== 'Failed'), input.resource);
  const ratioOf: Ratio = (metrics) => {
    let used = 0;
    let requested = 0;
    for (const [name, m] of metrics) {
      const r = requests.get(name);
      if (r === undefined) continue;
      used += m.value;
      requested += r;
    }
    if (requested === 0) throw new ReplicaCalcError('FailedGetResourceMetric', `no metrics returned matched known pods`);
    const utilization = Math.trunc((used * 100) / requested);
    return { ratio: utilization / targetUtilization, utilization, average: Math.trunc(used / metrics.size) };
  };
  // Missing pods on a scale down are assumed to use exactly their request (100%).
  return calculate(input, ratioOf, (name) => requests.get(name) ?? 0);
}

/** Average usage per pod against a target value (milli-units). */
export function averageValueReplicas(input: CalcInput, targetMilli: number): Proposal {
  const ratioOf: Ratio = (metrics) => {
    let used = 0;
    for (const m of metrics.values()) used += m.value;
    const average = used / metrics.size;
    return { ratio: average / targetMilli, average: Math.trunc(average) };
  };
  // Missing pods on a scale down are assumed to be exactly at the target.
  return calculate(input, ratioOf, () => targetMilli);
}

function calculate(input: CalcInput, ratioOf: Ratio, missingAtScaleDown: (pod: string) => number): Proposal {
  const { currentReplicas, pods, now, resource } = input;
  const tolerance = input.tolerance ?? DEFAULT_TOLERANCE;
  if (pods.length === 0) throw new ReplicaCalcError('FailedGetResourceMetric', 'no pods returned by selector while calculating replica count');
  const g = groupPods(pods, input.metrics, resource, now);
  const metrics = new Map([...input.metrics].filter(([name]) => !g.ignored.has(name) && !g.unready.has(name) && pods.some((p) => p.name === name)));
  if (metrics.size === 0) throw new ReplicaCalcError('FailedGetResourceMetric', 'did not receive metrics for targeted pods (pods might be unready)');
  const first = ratioOf(metrics);
  const within = (r: number) => Math.abs(1 - r) <= tolerance;
  const scaleUpWithUnready = g.unready.size > 0 && first.ratio > 1;
  const status = { utilization: first.utilization, averageValue: first.average };
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (within(first.ratio)) return { replicas: currentReplicas, ...status };
    return { replicas: Math.ceil(first.ratio * g.ready), ...status };
  }
  // Fill in the gaps conservatively: missing pods use their request (scale down) or nothing (scale up),
  // unready pods use nothing when scaling up, so they damp the change rather than cause it.
  if (g.missing.size > 0) {
    for (const name of g.missing) metrics.set(name, { value: first.ratio < 1 ? missingAtScaleDown(name) : 0, timestamp: now, windowMs: 0 });
  }
  if (scaleUpWithUnready) for (const name of g.unready) metrics.set(name, { value: 0, timestamp: now, windowMs: 0 });
  const second = ratioOf(metrics);
  if (within(second.ratio) || (first.ratio < 1 && second.ratio > 1) || (first.ratio > 1 && second.ratio < 1)) return { replicas: currentReplicas, ...status };
  const replicas = Math.ceil(second.ratio * metrics.size);
  // Never a proposal in the direction opposite to the usage.
  if ((second.ratio < 1 && replicas > currentReplicas) || (second.ratio > 1 && replicas < currentReplicas)) return { replicas: currentReplicas, ...status };
  return { replicas, ...status };
}
