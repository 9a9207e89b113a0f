// HorizontalPodAutoscaler validation, with upstream's messages.
import { FieldErrors } from '../../../validation/field-errors';
import { pathSegmentName } from '../../../validation/names';
import { oneOf } from '../../apps/common/checks';
import { parseQuantity, QUANTITY_MSG } from '../../core/common/quantity';
import { METRIC_SOURCES, type MetricSpec, type MetricTarget } from './metrics';
import type { HorizontalPodAutoscaler, HPAScalingRules } from './schema';

const SOURCE_TYPES: Record<(typeof METRIC_SOURCES)[number], string> = {
  containerResource: 'ContainerResource',
  external: 'External',
  object: 'Object',
  pods: 'Pods',
  resource: 'Resource',
};

function validateRef(ref: { kind?: string; name?: string } | undefined, path: string, errs: FieldErrors) {
  for (const k of ['kind', 'name'] as const) {
    const v = ref?.[k] ?? '';
    if (!v) errs.required(`${path}.${k}`);
    else for (const m of pathSegmentName(v)) errs.invalid(`${path}.${k}`, v, m);
  }
}

function positive(q: string | number | undefined, field: string, errs: FieldErrors) {
  if (q === undefined) return;
  const n = parseQuantity(q);
  if (n === undefined) errs.invalid(field, q, QUANTITY_MSG);
  else if (n <= 0) errs.invalid(field, q, 'must be positive');
}

function validateTarget(t: MetricTarget, path: string, errs: FieldErrors) {
  if (!t.type) errs.required(`${path}.type`, 'must specify a metric target type');
  else oneOf(errs, `${path}.type`, t.type, ['Utilization', 'Value', 'AverageValue']);
  positive(t.value, `${path}.value`, errs);
  positive(t.averageValue, `${path}.averageValue`, errs);
  if (t.averageUtilization !== undefined && t.averageUtilization < 1) errs.invalid(`${path}.averageUtilization`, t.averageUtilization, 'must be greater than 0');
}

function validateMetric(m: MetricSpec, path: string, errs: FieldErrors) {
  const present = METRIC_SOURCES.filter((k) => m[k] !== undefined);
  const types = Object.values(SOURCE_TYPES);
  if (!m.type) errs.required(`${path}.type`, 'must specify a metric source type');
  else if (!types.includes(m.type)) errs.notSupported(`${path}.type`, m.type, [...types].sort());
  const selected = METRIC_SOURCES.find((k) => SOURCE_TYPES[k] === m.type);
  if (selected && m[selected] === undefined) errs.required(`${path}.${selected}`, 'must populate information for the given metric source');
  for (const k of present) if (k !== selected) errs.forbidden(`${path}.${k}`, 'must populate the given metric source only');
  const t = (src: { target: MetricTarget }, k: string) => validateTarget(src.target, `${path}.${k}.target`, errs);
  const metricName = (id: { name: string }, k: string) => {
    if (!id.name) errs.required(`${path}.${k}.metric.name`, 'must specify a metric name');
  };
  if (m.object) {
    validateRef(m.object.describedObject, `${path}.object.describedObject`, errs);
    metricName(m.object.metric, 'object');
    t(m.object, 'object');
    if (m.object.target.value === undefined && m.object.target.averageValue === undefined)
      errs.required(`${path}.object.target.averageValue`, 'must set either a target value or averageValue');
  }
  if (m.pods) {
    metricName(m.pods.metric, 'pods');
    t(m.pods, 'pods');
    if (m.pods.target.averageValue === undefined) errs.required(`${path}.pods.target.averageValue`, 'must specify a positive target averageValue');
  }
  for (const k of ['resource', 'containerResource'] as const) {
    const src = m[k];
    if (!src) continue;
    if (!src.name) errs.required(`${path}.${k}.name`, 'must specify a resource name');
    if (k === 'containerResource' && !m.containerResource?.container) errs.required(`${path}.${k}.container`, 'must specify a container');
    t(src, k);
    const { averageUtilization, averageValue } = src.target;
    if (averageUtilization === undefined && averageValue === undefined)
      errs.required(`${path}.${k}.target.averageUtilization`, 'must set either a target raw value or a target utilization');
    if (averageUtilization !== undefined && averageValue !== undefined)
      errs.forbidden(`${path}.${k}.target.averageValue`, 'may not set both a target raw value and a target utilization');
  }
  if (m.external) {
    metricName(m.external.metric, 'external');
    t(m.external, 'external');
    const { value, averageValue } = m.external.target;
    if (value === undefined && averageValue === undefined)
      errs.required(`${path}.external.target.averageValue`, 'must set either a target value for metric or a per-pod target');
    if (value !== undefined && averageValue !== undefined)
      errs.forbidden(`${path}.external.target.value`, 'may not set both a target value for metric and a per-pod target');
  }
}

function validateRules(r: HPAScalingRules | undefined, path: string, errs: FieldErrors) {
  if (!r) return;
  const w = r.stabilizationWindowSeconds;
  if (w !== undefined && w < 0) errs.invalid(`${path}.stabilizationWindowSeconds`, w, 'must be greater than or equal to zero');
  else if (w !== undefined && w > 3600) errs.invalid(`${path}.stabilizationWindowSeconds`, w, 'must be less than or equal to 3600');
  oneOf(errs, `${path}.selectPolicy`, r.selectPolicy, ['Disabled', 'Max', 'Min']);
  if (!r.policies?.length) errs.required(`${path}.policies`, 'must specify at least one Policy');
  (r.policies ?? []).forEach((p, i) => {
    const pp = `${path}.policies[${i}]`;
    oneOf(errs, `${pp}.type`, p.type, ['Percent', 'Pods']);
    if (p.value <= 0) errs.invalid(`${pp}.value`, p.value, 'must be greater than zero');
    if (p.periodSeconds <= 0) errs.invalid(`${pp}.periodSeconds`, p.periodSeconds, 'must be greater than zero');
    else if (p.periodSeconds > 1800) errs.invalid(`${pp}.periodSeconds`, p.periodSeconds, 'must be less than or equal to 1800');
  });
  if (r.tolerance !== undefined) {
    const n = parseQuantity(r.tolerance);
    if (n === undefined || n < 0) errs.invalid(`${path}.tolerance`, r.tolerance, 'must be greater than or equal to 0');
  }
}

export function validateHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler, errs: FieldErrors) {
  const spec = hpa.spec ?? {};
  const min = spec.minReplicas;
  const max = spec.maxReplicas ?? 0;
  if (min !== undefined && min < 1) errs.invalid('spec.minReplicas', min, 'must be greater than or equal to 1');
  if (max < 1) errs.invalid('spec.maxReplicas', max, 'must be greater than 0');
  if (min !== undefined && max < min) errs.invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`');
  validateRef(spec.scaleTargetRef, 'spec.scaleTargetRef', errs);
  (spec.metrics ?? []).forEach((m, i) => validateMetric(m, `spec.metrics[${i}]`, errs));
  validateRules(spec.behavior?.scaleUp, 'spec.behavior.scaleUp', errs);
  validateRules(spec.behavior?.scaleDown, 'spec.behavior.scaleDown', errs);
}
