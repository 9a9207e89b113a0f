// autoscaling: HorizontalPodAutoscaler (v2) and the v1 Scale body used by /scale subresources.
import type { ResourceDef } from '../../registry/types';
import { horizontalPodAutoscalers } from './hpa';

export { horizontalPodAutoscaler, type HorizontalPodAutoscaler } from './hpa';
export { scale, scaleSpec, scaleStatus, type Scale } from './scale';

/** Resources of this API group. */
export const resources: ResourceDef<any>[] = [horizontalPodAutoscalers];
