// autoscaling/v2 HorizontalPodAutoscaler.
import { z } from 'zod';
import { atomicList, int32, int64, kobject, mapList, quantity, time } from '../../../schemas/meta';
import { opt, req } from '../../apps/common/util';
import { crossVersionObjectReference, metricSpec, metricStatus, v2Id } from './metrics';

export const hpaScalingPolicy = z
  .strictObject({
    type: req(z.string(), 'Pods or Percent.'),
    value: req(int32(), 'How many pods, or what percentage of current pods, may change per period.'),
    periodSeconds: req(int32(), 'Window, 1 to 1800 seconds, over which the change is measured.'),
  })
  .meta({ id: v2Id('HPAScalingPolicy'), description: 'A limit on how fast replicas may change.' });

export const hpaScalingRules = z
  .strictObject({
    stabilizationWindowSeconds: opt(int32(), 'Seconds of past recommendations considered (0 to 3600).'),
    selectPolicy: opt(z.string(), 'Max, Min or Disabled: which policy wins when several apply.'),
    policies: opt(atomicList(hpaScalingPolicy), 'Limits on the rate of change.'),
    tolerance: opt(quantity(), 'Relative difference from the target ignored (newer servers only).'),
  })
  .meta({ id: v2Id('HPAScalingRules'), description: 'How fast to scale in one direction.' });

export const horizontalPodAutoscalerBehavior = z
  .strictObject({
    scaleUp: opt(hpaScalingRules, 'Rules for adding replicas.'),
    scaleDown: opt(hpaScalingRules, 'Rules for removing replicas.'),
  })
  .meta({ id: v2Id('HorizontalPodAutoscalerBehavior'), description: 'Scaling speed limits in each direction.' });

export const horizontalPodAutoscalerSpec = z
  .strictObject({
    scaleTargetRef: opt(crossVersionObjectReference, 'Required. The object to scale; it must have a /scale subresource.'),
    minReplicas: opt(int32(), 'Fewest replicas; defaults to 1.'),
    maxReplicas: opt(int32(), 'Required. Most replicas; at least minReplicas.'),
    metrics: opt(atomicList(metricSpec), 'Metrics to scale on; defaults to 80% average CPU utilization.'),
    behavior: opt(horizontalPodAutoscalerBehavior, 'Scaling speed; upstream defaults fill any part left out.'),
  })
  .meta({ id: v2Id('HorizontalPodAutoscalerSpec'), description: 'The desired behavior of an autoscaler.' });

export const horizontalPodAutoscalerCondition = z
  .strictObject({
    type: req(z.string(), 'ScalingActive, AbleToScale or ScalingLimited.'),
    status: req(z.string(), 'True, False or Unknown.'),
    lastTransitionTime: opt(time(), 'When the status last changed.'),
    reason: opt(z.string(), 'Machine-readable cause of the last transition.'),
    message: opt(z.string(), 'Human-readable details.'),
  })
  .meta({ id: v2Id('HorizontalPodAutoscalerCondition'), description: 'One observed aspect of an autoscaler.' });

export const horizontalPodAutoscalerStatus = z
  .strictObject({
    observedGeneration: opt(int64(), 'The generation the autoscaler last acted on.'),
    lastScaleTime: opt(time(), 'When the replica count last changed.'),
    currentReplicas: opt(int32(), 'Replicas last seen.'),
    desiredReplicas: opt(int32(), 'Replicas last computed as desired.'),
    currentMetrics: opt(atomicList(metricStatus), 'Last read metric values.'),
    conditions: opt(mapList(horizontalPodAutoscalerCondition, 'type'), 'Latest observations.'),
  })
  .meta({ id: v2Id('HorizontalPodAutoscalerStatus'), description: 'The observed state of an autoscaler.' });

export const horizontalPodAutoscaler = kobject(v2Id('HorizontalPodAutoscaler'), 'Scales a workload between bounds to keep metrics near their targets.', {
  spec: opt(horizontalPodAutoscalerSpec, 'Desired behavior of the autoscaler.'),
  status: opt(horizontalPodAutoscalerStatus, 'Most recently observed state; written by the system.'),
});

export type HorizontalPodAutoscaler = z.infer<typeof horizontalPodAutoscaler>;
export type HPAScalingRules = z.infer<typeof hpaScalingRules>;
