// Horizontal pod autoscaling: the controller and its pure decisions.
import { makeHorizontalPodAutoscalerController } from './controller';

export const horizontalPodAutoscalerController = makeHorizontalPodAutoscalerController();
export { decide, type Decision, type DecideInput } from './decide';
export { normalize, newHistory, recordScaleEvent, type HpaHistory } from './behavior';
export { utilizationReplicas, averageValueReplicas, groupPods } from './replicas';
