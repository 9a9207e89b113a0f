// Settings of the node lifecycle controller, read from the controllers worker's variables. Defaults
// are upstream's kube-controller-manager flags.
export interface NodeLifecycleConfig {
  /** No heartbeat for longer than this makes a node's conditions Unknown (--node-monitor-grace-period). */
  gracePeriodMs: number;
  /** How long pods without their own not-ready/unreachable toleration stay on such a node. */
  podEvictionTimeoutSeconds: number;
  /** Nodes per second that get a NoExecute taint in a healthy zone (--node-eviction-rate). */
  evictionRate: number;
  /** The same in a partially disrupted zone of a large cluster (--secondary-node-eviction-rate). */
  secondaryEvictionRate: number;
  /** Share of not-ready nodes from which a zone counts as partially disrupted (--unhealthy-zone-threshold). */
  unhealthyZoneThreshold: number;
  /** Zones of at most this many nodes stop evicting when partially disrupted (--large-cluster-size-threshold). */
  largeClusterThreshold: number;
}

export const DEFAULT_CONFIG: NodeLifecycleConfig = {
  gracePeriodMs: 40_000,
  podEvictionTimeoutSeconds: 300,
  evictionRate: 0.1,
  secondaryEvictionRate: 0.01,
  unhealthyZoneThreshold: 0.55,
  largeClusterThreshold: 50,
};

export type Vars = Readonly<Record<string, unknown>> | undefined;

/** A non-negative number from a variable, or the fallback when unset or malformed. */
function num(vars: Vars, name: string, fallback: number, min = 0): number {
  const raw = vars?.[name];
  if (raw === undefined || raw === null || raw === '') return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= min ? n : fallback;
}

export function nodeLifecycleConfig(vars: Vars): NodeLifecycleConfig {
  const d = DEFAULT_CONFIG;
  return {
    // Below a second the heartbeat timestamps (whole seconds) could not tell fresh from stale.
    gracePeriodMs: num(vars, 'NODE_MONITOR_GRACE_PERIOD_SECONDS', d.gracePeriodMs / 1000, 1) * 1000,
    podEvictionTimeoutSeconds: num(vars, 'POD_EVICTION_TIMEOUT_SECONDS', d.podEvictionTimeoutSeconds),
    evictionRate: num(vars, 'NODE_EVICTION_RATE', d.evictionRate),
    secondaryEvictionRate: num(vars, 'SECONDARY_NODE_EVICTION_RATE', d.secondaryEvictionRate),
    unhealthyZoneThreshold: num(vars, 'UNHEALTHY_ZONE_THRESHOLD', d.unhealthyZoneThreshold),
    largeClusterThreshold: num(vars, 'LARGE_CLUSTER_SIZE_THRESHOLD', d.largeClusterThreshold),
  };
}
