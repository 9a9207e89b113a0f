// autoscaling/v1 <-> autoscaling/v2 HorizontalPodAutoscaler, as upstream converts through its internal
// (v2-shaped) type: targetCPUUtilizationPercentage is a Resource cpu Utilization metric, and what v1
// has no field for (other metrics, all current metrics, conditions, behavior) rides in annotations so a
// v1 read-modify-write keeps it. Upstream writes those metrics in the older v2beta1 shape; we keep
// the v2 shape inside the annotations (docs/decisions.md).
import type { KObject } from '../../../registry/types';
import { badRequest } from '../../../status';

export const METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
export const CURRENT_METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
const CARRIED = [METRICS_ANNOTATION, CURRENT_METRICS_ANNOTATION, CONDITIONS_ANNOTATION, BEHAVIOR_ANNOTATION];

type Json = Record<string, unknown>;
interface Metric {
  type?: string;
  resource?: { name?: string; target?: { type?: string; averageUtilization?: number }; current?: { averageUtilization?: number } };
  [k: string]: unknown;
}

const isCpuTarget = (m: Metric) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.type === 'Utilization' && m.resource.target.averageUtilization !== undefined;
const isCpuCurrent = (m: Metric) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.current?.averageUtilization !== undefined;

function withoutCarried(annotations: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotations ?? {})) if (!CARRIED.includes(k)) out[k] = v;
  return out;
}

function defined(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** The stored autoscaling/v2 object as an autoscaling/v1 one. */
export function hpaV2ToV1(obj: KObject): KObject {
  const spec = (obj.spec ?? {}) as Json & { metrics?: Metric[]; behavior?: unknown };
  const status = obj.status as (Json & { currentMetrics?: (Metric | null)[]; conditions?: unknown[] }) | undefined;
  const annotations = withoutCarried(obj.metadata.annotations);
  const metrics = spec.metrics ?? [];
  const cpu = metrics.find(isCpuTarget);
  const others = metrics.filter((m) => m !== cpu);
  if (others.length) annotations[METRICS_ANNOTATION] = JSON.stringify(others);
  if (spec.behavior) annotations[BEHAVIOR_ANNOTATION] = JSON.stringify(spec.behavior);
  // All current metrics ride along (the cpu one too: v1's percentage alone would lose its value).
  const current = (status?.currentMetrics ?? []).filter((m): m is Metric => !!m);
  const cpuNow = current.find(isCpuCurrent);
  if (current.length) annotations[CURRENT_METRICS_ANNOTATION] = JSON.stringify(current);
  if (status?.conditions?.length) annotations[CONDITIONS_ANNOTATION] = JSON.stringify(status.conditions);
  const metadata = { ...obj.metadata };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  const out: KObject = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata };
  if (obj.spec) {
    out.spec = defined({ scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas, targetCPUUtilizationPercentage: cpu?.resource?.target?.averageUtilization });
  }
  // v1's replica counts are plain integers: always present.
  out.status = defined({
    observedGeneration: status?.observedGeneration,
    lastScaleTime: status?.lastScaleTime,
    currentReplicas: status?.currentReplicas ?? 0,
    desiredReplicas: status?.desiredReplicas ?? 0,
    currentCPUUtilizationPercentage: cpuNow?.resource?.current?.averageUtilization,
  });
  return out;
}

function carried(annotations: Record<string, string> | undefined, key: string): unknown[] | Json | undefined {
  const text = annotations?.[key];
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null) return v as unknown[] | Json;
  } catch {
    // reported below
  }
  throw badRequest(`HorizontalPodAutoscaler in version "v1" cannot be handled as a HorizontalPodAutoscaler: annotation ${key}: not a JSON ${key === BEHAVIOR_ANNOTATION ? 'object' : 'list'}`);
}

const list = (v: unknown[] | Json | undefined, key: string): unknown[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw badRequest(`HorizontalPodAutoscaler in version "v1" cannot be handled as a HorizontalPodAutoscaler: annotation ${key}: not a JSON list`);
  return v;
};

/** An autoscaling/v1 object (already decoded against the v1 schema) as the autoscaling/v2 object to store. */
export function hpaV1ToV2(obj: KObject): KObject {
  const a = obj.metadata.annotations;
  const spec = obj.spec as (Json & { targetCPUUtilizationPercentage?: number }) | undefined;
  const status = obj.status as (Json & { currentCPUUtilizationPercentage?: number }) | undefined;
  const metrics: unknown[] = [];
  if (spec?.targetCPUUtilizationPercentage !== undefined) {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } });
  }
  metrics.push(...list(carried(a, METRICS_ANNOTATION), METRICS_ANNOTATION));
  const behavior = carried(a, BEHAVIOR_ANNOTATION);
  if (Array.isArray(behavior)) throw badRequest(`HorizontalPodAutoscaler in version "v1" cannot be handled as a HorizontalPodAutoscaler: annotation ${BEHAVIOR_ANNOTATION}: not a JSON object`);
  // The annotation is the full list when present; otherwise v1's percentage is all there is.
  const current = list(carried(a, CURRENT_METRICS_ANNOTATION), CURRENT_METRICS_ANNOTATION);
  if (!current.length && status?.currentCPUUtilizationPercentage !== undefined) {
    current.push({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } } });
  }
  const conditions = list(carried(a, CONDITIONS_ANNOTATION), CONDITIONS_ANNOTATION);
  const annotations = withoutCarried(a);
  const metadata = { ...obj.metadata };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  const out: KObject = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata };
  if (spec) {
    out.spec = defined({ scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas, metrics: metrics.length ? metrics : undefined, behavior });
  }
  if (status) {
    out.status = defined({
      observedGeneration: status.observedGeneration,
      lastScaleTime: status.lastScaleTime,
      currentReplicas: status.currentReplicas,
      desiredReplicas: status.desiredReplicas,
      currentMetrics: current.length ? current : undefined,
      conditions: conditions.length ? conditions : undefined,
    });
  }
  return out;
}
