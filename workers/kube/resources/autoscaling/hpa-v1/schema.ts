// autoscaling/v1 HorizontalPodAutoscaler: CPU utilization only. Served by conversion from the stored
// autoscaling/v2 object (convert.ts); what v1 cannot say travels in annotations, as upstream does it.
import { z } from 'zod';
import { int32, int64, kobject, time } from '../../../schemas/meta';
import { opt, req } from '../../apps/common/util';

const v1Id = (name: string) => `io.k8s.api.autoscaling.v1.${name}`;

export const crossVersionObjectReferenceV1 = z
  .strictObject({
    kind: req(z.string(), 'Kind of the referent, e.g. Deployment.'),
    name: req(z.string(), 'Name of the referent.'),
    apiVersion: opt(z.string(), 'API version of the referent, e.g. apps/v1.'),
  })
  .meta({ id: v1Id('CrossVersionObjectReference'), description: 'Points at an object in the same namespace.' });

export const horizontalPodAutoscalerSpecV1 = z
  .strictObject({
    scaleTargetRef: opt(crossVersionObjectReferenceV1, 'Required. The object to scale; it must have a /scale subresource.'),
    minReplicas: opt(int32(), 'Fewest replicas; defaults to 1.'),
    maxReplicas: opt(int32(), 'Required. Most replicas; at least minReplicas.'),
    targetCPUUtilizationPercentage: opt(int32(), 'Target average CPU utilization over all pods, in percent of the requested CPU; defaults to 80.'),
  })
  .meta({ id: v1Id('HorizontalPodAutoscalerSpec'), description: 'The desired behavior of an autoscaler.' });

export const horizontalPodAutoscalerStatusV1 = z
  .strictObject({
    observedGeneration: opt(int64(), 'The generation the autoscaler last acted on.'),
    lastScaleTime: opt(time(), 'When the replica count last changed.'),
    currentReplicas: opt(int32(), 'Replicas last seen.'),
    desiredReplicas: opt(int32(), 'Replicas last computed as desired.'),
    currentCPUUtilizationPercentage: opt(int32(), 'Current average CPU utilization over all pods, in percent of the requested CPU.'),
  })
  .meta({ id: v1Id('HorizontalPodAutoscalerStatus'), description: 'The observed state of an autoscaler.' });

export const horizontalPodAutoscalerV1 = kobject(v1Id('HorizontalPodAutoscaler'), 'Configuration of a horizontal pod autoscaler.', {
  spec: opt(horizontalPodAutoscalerSpecV1, 'Desired behavior of the autoscaler.'),
  status: opt(horizontalPodAutoscalerStatusV1, 'Most recently observed state; written by the system.'),
});

export type HorizontalPodAutoscalerV1 = z.infer<typeof horizontalPodAutoscalerV1>;
