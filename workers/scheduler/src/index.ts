// The scheduler worker: one Scheduler Durable Object ("default") binds pending pods to nodes through
// the api worker. `GET /ensure` (and the cron trigger on Cloudflare) starts it; it then keeps itself
// awake with pokes and alarms (`POST /poke` carries a watch channel's poke from another workerd).
// `GET /state` reports its queue and counters. `POST /restart` resets the object as an eviction would
// (its memory is lost, its storage and alarm kept): only for the holder of the scheduler's own token,
// since it is an operator's and the end-to-end tests' tool, not a user's.
import type { SchedulerEnv } from './env';

export { Scheduler } from './scheduler';

const stub = (env: SchedulerEnv) => env.SCHEDULER.get(env.SCHEDULER.idFromName('default'));

/** Bearer token equal to API_TOKEN, compared in constant time. */
function ownToken(req: Request, env: SchedulerEnv): boolean {
  const m = /^Bearer (.+)$/.exec(req.headers.get('Authorization') ?? '');
  if (!m || !env.API_TOKEN) return false;
  const a = new TextEncoder().encode(m[1]);
  const b = new TextEncoder().encode(env.API_TOKEN);
  return a.byteLength === b.byteLength && crypto.subtle.timingSafeEqual(a, b);
}

export default {
  async fetch(req, env) {
    const url = new URL(req.url);
    if (url.pathname === '/ensure') {
      await stub(env).ensure();
      return Response.json({ started: ['default-scheduler'] });
    }
    if (url.pathname === '/state') return Response.json(await stub(env).state());
    // A watch channel's poke, when the api runs in another workerd (local stack; see local/stack.ts).
    if (url.pathname === '/poke' && req.method === 'POST') {
      const revision = Number(url.searchParams.get('revision'));
      const resource = url.searchParams.get('resource') ?? '';
      if (!Number.isSafeInteger(revision) || !resource) return new Response('bad poke', { status: 400 });
      await stub(env).poke(resource, revision);
      return new Response(null, { status: 204 });
    }
    if (url.pathname === '/restart' && req.method === 'POST') {
      if (!ownToken(req, env)) return new Response('unauthorized', { status: 401 });
      // abort() fails the call that made it: that failure is the restart.
      await stub(env)
        .restart()
        .catch(() => undefined);
      // The fresh instance starts at once (relist, then scheduling) instead of at its next alarm.
      await stub(env).ensure();
      return Response.json({ restarted: ['default-scheduler'] });
    }
    return new Response('not found', { status: 404 });
  },
  async scheduled(_event, env) {
    await stub(env).ensure();
  },
} satisfies ExportedHandler<SchedulerEnv>;
