// The API worker's HTTP pipeline: errors as Status → store handle → bootstrap → authn → routes.
import { impersonate } from './auth/impersonation';
import { Hono } from 'hono';
import { StatusError, badRequest, internalError, pathNotFound } from '../../kube/status';
import type { AppEnv } from './app-env';
import { authenticate } from './auth/middleware';
import { ensureBootstrapped } from './bootstrap';
import { MAX_BODY_BYTES } from './request/body';
import { parseResourcePath } from './request/info';
import { discoveryRoutes } from './routes/discovery';
import { internalRoutes } from './routes/internal';
import { metricsPushRoutes } from './metrics/push-route';
import { issuerDiscoveryRoutes } from './auth/serviceaccount/discovery';
import { nodeCredentialRoutes } from './routes/node-credentials';
import { userTokenRoutes } from './routes/user-tokens';
import { dispatchResource } from './routes/resources';
import { dbOf } from './store';
import { tunnelRoutes } from './tunnel/route';
import { VERSION_INFO } from './version';
import { consoleAssetRoutes } from './console';
import { auditIdentity, auditRequests, auditRoutes } from './audit';
import { limitRequests } from './limits';

export const app = new Hono<AppEnv>();

app.onError(async (err, c) => {
  await drainBody(c.req.raw);
  if (err instanceof StatusError) return statusResponse(err);
  console.error(JSON.stringify({ msg: 'unhandled error', method: c.req.method, path: new URL(c.req.url).pathname, err: String(err), stack: (err as Error).stack }));
  return statusResponse(internalError(String((err as Error).message ?? err)));
});

app.notFound(() => statusResponse(pathNotFound()));

for (const p of ['/healthz', '/livez', '/readyz']) app.get(p, (c) => c.text('ok'));
app.get('/version', () => Response.json(VERSION_INFO));
// The web console's assets (public; the console signs in to the API with a bearer token).
app.route('/', consoleAssetRoutes);

app.use(async (c, next) => {
  c.set('db', dbOf(c.env));
  await ensureBootstrapped(c.env);
  return next();
});

app.use(auditRequests());
app.use(authenticate());
app.use(auditIdentity());
app.use(impersonate());
app.use(limitRequests());
app.route('/', auditRoutes);
app.route('/', discoveryRoutes);
app.route('/', internalRoutes);
app.route('/', tunnelRoutes);
app.route('/', nodeCredentialRoutes);
app.route('/', userTokenRoutes);
app.route('/', metricsPushRoutes);
app.route('/', issuerDiscoveryRoutes);

app.all('*', async (c) => {
  const url = new URL(c.req.url);
  const parsed = parseResourcePath(c.req.method, url.pathname, url.searchParams);
  if (parsed.kind === 'malformed') throw badRequest(`the request path ${JSON.stringify(url.pathname)} is not a valid URL path`);
  if (parsed.kind !== 'resource') throw pathNotFound();
  return dispatchResource({
    env: c.env,
    exec: c.executionCtx,
    db: c.var.db,
    request: c.req.raw,
    query: url.searchParams,
    user: c.var.user,
    req: parsed.req,
  });
});

export function statusResponse(err: StatusError): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (err.details?.retryAfterSeconds) headers['Retry-After'] = String(err.details.retryAfterSeconds);
  return new Response(JSON.stringify(err.toStatus()), { status: err.code, headers });
}

/**
 * An error answered before the request body was read would leave the body on a keep-alive connection,
 * and the runtime then closes it: the client's next request on it fails. Bodies within the size limit
 * are read and dropped first.
 */
async function drainBody(req: Request): Promise<void> {
  if (!req.body || req.bodyUsed) return;
  const length = Number(req.headers.get('content-length') ?? 'NaN');
  if (!(length <= MAX_BODY_BYTES)) return;
  await req.arrayBuffer().catch(() => undefined);
}
