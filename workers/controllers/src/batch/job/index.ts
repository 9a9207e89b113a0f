// Job decisions (pure) and the pod a Job creates.
export * from './types';
export { syncJob, ttlExpiry, type JobDecision, type JobEvent, type PodDeletion, type JobSyncOptions } from './sync';
export { podForJob, type PodForJobOptions } from './pod-template';
export { parseIndexes, formatIndexes, firstFreeIndexes } from './indexes';
export { matchPodFailurePolicy, type FailureMatch, type FailureAction } from './failure-policy';
export { tallyPods, isPodFailed, type Tally } from './tracking';
export { DEFAULT_BACKOFF, type BackoffSettings } from './backoff';
