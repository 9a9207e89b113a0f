// autoscaling/v2 metric sources, targets and their observed values.
import { z } from 'zod';
import { int32, labelSelector, quantity } from '../../../schemas/meta';
import { opt, req } from '../../apps/common/util';

export const v2Id = (name: string) => `io.k8s.api.autoscaling.v2.${name}`;

export const crossVersionObjectReference = z
  .strictObject({
    kind: req(z.string(), 'Kind of the referent, e.g. Deployment.'),
    name: req(z.string(), 'Name of the referent.'),
    apiVersion: opt(z.string(), 'API version of the referent, e.g. apps/v1.'),
  })
  .meta({ id: v2Id('CrossVersionObjectReference'), description: 'Points at an object in the same namespace.' });

export const metricIdentifier = z
  .strictObject({
    name: req(z.string(), 'Metric name.'),
    selector: opt(labelSelector, 'Narrows the metric to series with these labels.'),
  })
  .meta({ id: v2Id('MetricIdentifier'), description: 'Names a metric.' });

export const metricTarget = z
  .strictObject({
    type: req(z.string(), 'Utilization, Value or AverageValue.'),
    value: opt(quantity(), 'Target value of the metric.'),
    averageValue: opt(quantity(), 'Target value averaged over all pods.'),
    averageUtilization: opt(int32(), 'Target percentage of the requested resource, averaged over pods.'),
  })
  .meta({ id: v2Id('MetricTarget'), description: 'The value a metric should be kept at.' });

export const metricValueStatus = z
  .strictObject({
    value: opt(quantity(), 'Current value.'),
    averageValue: opt(quantity(), 'Current value averaged over pods.'),
    averageUtilization: opt(int32(), 'Current percentage of the requested resource.'),
  })
  .meta({ id: v2Id('MetricValueStatus'), description: 'The current value of a metric.' });

export const resourceMetricSource = z
  .strictObject({ name: req(z.string(), 'Resource name, e.g. cpu or memory.'), target: req(metricTarget, 'Target value.') })
  .meta({ id: v2Id('ResourceMetricSource'), description: 'A resource (cpu, memory) of the scaled pods.' });

export const containerResourceMetricSource = z
  .strictObject({
    name: req(z.string(), 'Resource name, e.g. cpu or memory.'),
    target: req(metricTarget, 'Target value.'),
    container: req(z.string(), 'Container whose usage counts.'),
  })
  .meta({ id: v2Id('ContainerResourceMetricSource'), description: 'A resource of one container of the scaled pods.' });

export const podsMetricSource = z
  .strictObject({ metric: req(metricIdentifier, 'The metric.'), target: req(metricTarget, 'Target value.') })
  .meta({ id: v2Id('PodsMetricSource'), description: 'A custom metric of each scaled pod, averaged.' });

export const objectMetricSource = z
  .strictObject({
    describedObject: req(crossVersionObjectReference, 'Object the metric describes.'),
    target: req(metricTarget, 'Target value.'),
    metric: req(metricIdentifier, 'The metric.'),
  })
  .meta({ id: v2Id('ObjectMetricSource'), description: 'A metric of another object, e.g. an Ingress.' });

export const externalMetricSource = z
  .strictObject({ metric: req(metricIdentifier, 'The metric.'), target: req(metricTarget, 'Target value.') })
  .meta({ id: v2Id('ExternalMetricSource'), description: 'A metric from outside the cluster.' });

export const METRIC_SOURCES = ['containerResource', 'external', 'object', 'pods', 'resource'] as const;

export const metricSpec = z
  .strictObject({
    type: req(z.string(), 'ContainerResource, External, Object, Pods or Resource; names the one source set.'),
    object: opt(objectMetricSource),
    pods: opt(podsMetricSource),
    resource: opt(resourceMetricSource),
    containerResource: opt(containerResourceMetricSource),
    external: opt(externalMetricSource),
  })
  .meta({ id: v2Id('MetricSpec'), description: 'One metric to scale on.' });

const withCurrent = <S extends z.core.$ZodLooseShape>(shape: S) => ({ ...shape, current: req(metricValueStatus, 'Current value.') });

export const metricStatus = z
  .strictObject({
    type: req(z.string(), 'Which source is set.'),
    object: opt(
      z.strictObject(withCurrent({ describedObject: req(crossVersionObjectReference, 'Object the metric describes.'), metric: req(metricIdentifier, 'The metric.') })).meta({ id: v2Id('ObjectMetricStatus'), description: 'Current value of an object metric.' }),
    ),
    pods: opt(z.strictObject(withCurrent({ metric: req(metricIdentifier, 'The metric.') })).meta({ id: v2Id('PodsMetricStatus'), description: 'Current value of a pods metric.' })),
    resource: opt(z.strictObject(withCurrent({ name: req(z.string(), 'Resource name.') })).meta({ id: v2Id('ResourceMetricStatus'), description: 'Current value of a resource metric.' })),
    containerResource: opt(
      z.strictObject(withCurrent({ name: req(z.string(), 'Resource name.'), container: req(z.string(), 'Container name.') })).meta({ id: v2Id('ContainerResourceMetricStatus'), description: 'Current value of a container resource metric.' }),
    ),
    external: opt(z.strictObject(withCurrent({ metric: req(metricIdentifier, 'The metric.') })).meta({ id: v2Id('ExternalMetricStatus'), description: 'Current value of an external metric.' })),
  })
  .meta({ id: v2Id('MetricStatus'), description: 'The last observed value of one metric.' });

export type MetricSpec = z.infer<typeof metricSpec>;
export type MetricTarget = z.infer<typeof metricTarget>;
