export { SimCluster, type SimClusterOptions } from './cluster';
export { generateNodes, DEFAULT_SIZES, DEFAULT_TAINT, type NodeGeneratorOptions, type NodeSize, type SimNodeSpec, type SimTaint } from './nodes';
export { SIMULATED_ANNOTATION, LEASE_NAMESPACE, type SimNode } from './objects';
export type { SimCounters, SimLog } from './types';
export type { PodUsage, SimMetricsOptions, SimMetricsPod } from './metrics';
export type { HeartbeatSummary, Quantiles } from './heartbeat-stats';
