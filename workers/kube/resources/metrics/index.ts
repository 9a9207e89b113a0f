// metrics.k8s.io/v1beta1: what `kubectl top` and the HorizontalPodAutoscaler read. Served read-only
// from the MetricsStore (workers/api/src/metrics), never stored in D1.
import type { ResourceDef } from '../../registry/types';
import { nodeMetrics, podMetrics } from './schema';

export { nodeMetrics, podMetrics, type NodeMetrics, type PodMetrics } from './schema';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
/** The only verbs metrics-server serves (it has no watch). */
const READ_ONLY = ['get', 'list'];

export const nodeMetricsDef: ResourceDef = {
  group: METRICS_GROUP,
  version: METRICS_VERSION,
  kind: 'NodeMetrics',
  plural: 'nodes',
  singular: '',
  namespaced: false,
  verbs: READ_ONLY,
  schema: nodeMetrics,
  generation: 'none',
};

export const podMetricsDef: ResourceDef = {
  group: METRICS_GROUP,
  version: METRICS_VERSION,
  kind: 'PodMetrics',
  plural: 'pods',
  singular: '',
  namespaced: true,
  verbs: READ_ONLY,
  schema: podMetrics,
  generation: 'none',
};

export const resources: ResourceDef<any>[] = [nodeMetricsDef, podMetricsDef];
