// The api worker: the Kubernetes REST API (public entry), its watch channels and maintenance.
import { app } from './app';
import type { Env } from './env';

export { WatchChannel } from './watch/channel';
export { Maintenance } from './maintenance';
export { MetricsStore } from './metrics/store';
export { NodeTunnel } from './tunnel/node-tunnel';

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
