// Limits: per-identity rate and concurrency, watch caps, constant-time secret comparison.
export { limitRequests } from './middleware';
export { constantTimeEqual } from './constant-time';
export { limitsConfig, type LimitsEnv } from './config';
