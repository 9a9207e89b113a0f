// The controllers worker: one Durable Object per controller, acting only through the api worker.
// `GET /ensure` (and the cron trigger on Cloudflare) starts every controller; each then keeps
// itself awake with alarms. `POST /restart?name=<controller>` resets one controller's Durable Object
// (authenticated with the controllers' own token), as an eviction would: for tests of resumption.
import { CONTROLLERS } from './controllers';
import type { ControllersEnv } from './env';

export { ControllerHost } from './host';

/** Constant-time check of the bearer token against the controllers' own credential. */
function ownToken(req: Request, env: ControllersEnv): boolean {
  const m = /^Bearer (.+)$/.exec(req.headers.get('Authorization') ?? '');
  if (!m || !env.API_TOKEN) return false;
  const a = new TextEncoder().encode(m[1]);
  const b = new TextEncoder().encode(env.API_TOKEN);
  return a.byteLength === b.byteLength && crypto.subtle.timingSafeEqual(a, b);
}

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
    // A watch channel's poke, when the api runs in another workerd (local stack; see local/stack.ts).
    if (url.pathname === '/poke' && req.method === 'POST') {
      const name = url.searchParams.get('name') ?? '';
      const revision = Number(url.searchParams.get('revision'));
      const resource = url.searchParams.get('resource') ?? '';
      if (!CONTROLLERS.some((c) => c.name === name) || !Number.isSafeInteger(revision) || !resource) return new Response('bad poke', { status: 400 });
      await env.CONTROLLERS.get(env.CONTROLLERS.idFromName(name)).poke(resource, revision);
      return new Response(null, { status: 204 });
    }
    if (url.pathname === '/restart' && req.method === 'POST') {
      if (!ownToken(req, env)) return new Response('unauthorized', { status: 401 });
      const name = url.searchParams.get('name') ?? '';
      const spec = CONTROLLERS.find((c) => c.name === name);
      if (!spec) return new Response(`unknown controller ${JSON.stringify(name)}`, { status: 404 });
      const stub = () => env.CONTROLLERS.get(env.CONTROLLERS.idFromName(name));
      // abort() fails the call that made it: that failure is the restart.
      await stub()
        .restart()
        .catch(() => undefined);
      await stub().ensure(name);
      return Response.json({ restarted: [name] });
    }
    return new Response('not found', { status: 404 });
  },
  async scheduled(_event, env) {
    await ensureAll(env);
  },
} satisfies ExportedHandler<ControllersEnv>;
