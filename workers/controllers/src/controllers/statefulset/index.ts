export type { StatefulSet, StatefulSetStatus, Claim, PodTemplate } from './types';
export { POD_NAME_LABEL, POD_INDEX_LABEL } from './types';
export { podName, ordinalOf, claimName, statefulPod, statefulClaims } from './identity';
export { planStatefulSet, type StatefulPlan, type Revisions } from './plan';
