import type { ControllerHost } from './host';

export interface ControllersEnv {
  /** Service binding to the api worker. */
  API: Fetcher;
  CONTROLLERS: DurableObjectNamespace<ControllerHost>;
  /** Bearer token of the controller-manager identity (a Worker secret on Cloudflare). */
  API_TOKEN: string;
  /** Node lifecycle: seconds without a heartbeat before a node is Unknown (default 40). */
  NODE_MONITOR_GRACE_PERIOD_SECONDS?: string;
  /** Node lifecycle: seconds pods stay on a not-ready/unreachable node without their own toleration (default 300). */
  POD_EVICTION_TIMEOUT_SECONDS?: string;
  /** Node lifecycle: nodes per second tainted for eviction per zone (default 0.1), and in a partially disrupted zone (default 0.01). */
  NODE_EVICTION_RATE?: string;
  SECONDARY_NODE_EVICTION_RATE?: string;
  /** "false": API calls do not yield to I/O first (only to measure what the yield costs; see docs/controllers.md). */
  CONTROLLERS_YIELD_TO_IO?: string;
}
