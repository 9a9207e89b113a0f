import type { WatchChannel } from './watch/channel';
import type { Maintenance } from './maintenance';
import type { MetricsStore } from './metrics/store';
import type { NodeTunnel } from './tunnel/node-tunnel';

export interface Env {
  DB: D1Database;
  WATCH: DurableObjectNamespace<WatchChannel>;
  MAINTENANCE: DurableObjectNamespace<Maintenance>;
  /** One instance (idFromName('metrics')): the nodes' latest usage samples, in memory (metrics.k8s.io). */
  METRICS: DurableObjectNamespace<MetricsStore>;
  /** Seconds after which a node's metrics sample is dropped (default 120). */
  METRICS_MAX_AGE_SECONDS?: string;
  /** One per node (idFromName): the agent's stream tunnel for logs, exec, attach, port-forward. */
  NODE_TUNNEL: DurableObjectNamespace<NodeTunnel>;
  /** Change-log compaction window in seconds (default 300). */
  COMPACTION_WINDOW_SECONDS?: string;
  /** Newest revisions always kept by compaction (default 1000). */
  COMPACTION_MIN_KEEP?: string;
  /** Service cluster IP range (default 10.96.0.0/12). */
  SERVICE_CIDR?: string;
  /** How often a watch channel polls D1 for changes whose poke was lost, in ms (default 1000). */
  WATCH_POLL_MS?: string;
}
