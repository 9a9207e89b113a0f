// The scheduler worker. The scheduling framework itself is the scheduler issue's work; this entry
// point exists so the worker deploys and runs in the local stack, and it reports what it has seen.
import { DurableObject } from 'cloudflare:workers';

export interface SchedulerEnv {
  API: Fetcher;
  SCHEDULER: DurableObjectNamespace<Scheduler>;
}

export class Scheduler extends DurableObject<SchedulerEnv> {
  private lastPoke: { resource: string; revision: number } | null = null;

  /** Called by watch channels after writes to resources this object subscribed to. */
  async poke(resource: string, revision: number): Promise<void> {
    this.lastPoke = { resource, revision };
  }

  async state() {
    return { lastPoke: this.lastPoke };
  }
}

export default {
  async fetch(_req, env) {
    const stub = env.SCHEDULER.get(env.SCHEDULER.idFromName('default'));
    return Response.json({ component: 'scheduler', ...(await stub.state()) });
  },
} satisfies ExportedHandler<SchedulerEnv>;
