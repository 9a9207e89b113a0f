import type { Scheduler } from './scheduler';

export interface SchedulerEnv {
  /** Service binding to the api worker. */
  API: Fetcher;
  SCHEDULER: DurableObjectNamespace<Scheduler>;
  /** Bearer token of system:kube-scheduler (a Worker secret on Cloudflare). */
  API_TOKEN: string;
}
