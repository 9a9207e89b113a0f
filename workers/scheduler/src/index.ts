// The scheduler worker: one Scheduler Durable Object ("default") binds pending pods to nodes through
// the api worker. `GET /ensure` (and the cron trigger on Cloudflare) starts it; it then keeps itself
// awake with pokes and alarms. `GET /state` reports its queue and counters.
import type { SchedulerEnv } from './env';

export { Scheduler } from './scheduler';

const stub = (env: SchedulerEnv) => env.SCHEDULER.get(env.SCHEDULER.idFromName('default'));

export default {
  async fetch(req, env) {
    const url = new URL(req.url);
    if (url.pathname === '/ensure') {
      await stub(env).ensure();
      return Response.json({ started: ['default-scheduler'] });
    }
    if (url.pathname === '/state') return Response.json(await stub(env).state());
    return new Response('not found', { status: 404 });
  },
  async scheduled(_event, env) {
    await stub(env).ensure();
  },
} satisfies ExportedHandler<SchedulerEnv>;
