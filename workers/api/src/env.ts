import type { WatchChannel } from './watch/channel';
import type { Maintenance } from './maintenance';

export interface Env {
  DB: D1Database;
  WATCH: DurableObjectNamespace<WatchChannel>;
  MAINTENANCE: DurableObjectNamespace<Maintenance>;
  /** Change-log compaction window in seconds (default 300). */
  COMPACTION_WINDOW_SECONDS?: string;
  /** Newest revisions always kept by compaction (default 1000). */
  COMPACTION_MIN_KEEP?: string;
  /** Service cluster IP range (default 10.96.0.0/12). */
  SERVICE_CIDR?: string;
  /** How often a watch channel polls D1 for changes whose poke was lost, in ms (default 1000). */
  WATCH_POLL_MS?: string;
}
