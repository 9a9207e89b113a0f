// The controllers worker: one Durable Object per controller, acting only through the api worker.
// `GET /ensure` (and the cron trigger on Cloudflare) starts every controller; each then keeps
// itself awake with alarms.
import { CONTROLLERS } from './controllers';
import type { ControllersEnv } from './env';

export { ControllerHost } from './host';

async function ensureAll(env: ControllersEnv): Promise<string[]> {
  await Promise.all(CONTROLLERS.map((c) => env.CONTROLLERS.get(env.CONTROLLERS.idFromName(c.name)).ensure(c.name)));
  return CONTROLLERS.map((c) => c.name);
}

export default {
  async fetch(req, env) {
    const url = new URL(req.url);
    if (url.pathname === '/ensure') return Response.json({ started: await ensureAll(env) });
    if (url.pathname === '/state') {
      const states = await Promise.all(CONTROLLERS.map((c) => env.CONTROLLERS.get(env.CONTROLLERS.idFromName(c.name)).state()));
      return Response.json(states);
    }
    return new Response('not found', { status: 404 });
  },
  async scheduled(_event, env) {
    await ensureAll(env);
  },
} satisfies ExportedHandler<ControllersEnv>;
