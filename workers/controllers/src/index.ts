// The controllers worker. The controllers themselves are the controller-manager issue's work; this
// entry point exists so the worker deploys and runs in the local stack.
import { DurableObject } from 'cloudflare:workers';

export interface ControllersEnv {
  API: Fetcher;
  CONTROLLERS: DurableObjectNamespace<ControllerHost>;
}

export class ControllerHost extends DurableObject<ControllersEnv> {
  private lastPoke: { resource: string; revision: number } | null = null;

  async poke(resource: string, revision: number): Promise<void> {
    this.lastPoke = { resource, revision };
  }

  async state() {
    return { lastPoke: this.lastPoke };
  }
}

export default {
  async fetch(_req, env) {
    const stub = env.CONTROLLERS.get(env.CONTROLLERS.idFromName('default'));
    return Response.json({ component: 'controllers', ...(await stub.state()) });
  },
} satisfies ExportedHandler<ControllersEnv>;
