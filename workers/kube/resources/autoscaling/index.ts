// autoscaling: HorizontalPodAutoscaler (v2 stored, v1 by conversion) and the v1 Scale body used by /scale subresources.
import type { ResourceDef } from '../../registry/types';
import { horizontalPodAutoscalers } from './hpa';
import { horizontalPodAutoscalersV1 } from './hpa-v1';

export { horizontalPodAutoscaler, type HorizontalPodAutoscaler } from './hpa';
export { scale, scaleSpec, scaleStatus, type Scale } from './scale';

/** Resources of this API group. */
export const resources: ResourceDef<any>[] = [horizontalPodAutoscalers, horizontalPodAutoscalersV1];
