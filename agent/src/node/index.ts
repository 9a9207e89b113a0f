// The node's identity in the API: its Node object, Lease heartbeat and the agent's health metrics.
export { readHostFacts, goArch, firstIPv4, prettyName, type HostFacts, type HostOptions } from './host';
export * from './status';
export { NodeLease, leaseObject, LEASE_NAMESPACE, type LeaseObject } from './lease';
export { NodeManager, type NodeManagerOptions, type NodeApi, type NodeRuntime, type Log } from './manager';
export { AgentMetrics, countingFetch, serveMetrics, type MetricsServer } from './metrics';
export { timeOf, microTimeOf } from './time';
