// Authentication stage of the request pipeline. Authorization and admission plug in after it
// (their own issue); until then every authenticated user may do everything.
import type { MiddlewareHandler } from 'hono';
import { unauthorized } from '../../../kube/status';
import type { AppEnv } from '../app-env';
import { authenticateToken, bearerToken } from './tokens';

/** Paths anyone may read, as upstream's system:public-info-viewer role allows. */
const PUBLIC = new Set(['/healthz', '/livez', '/readyz', '/version']);

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    const path = new URL(c.req.url).pathname;
    if (PUBLIC.has(path)) return next();
    const token = bearerToken(c.req.header('authorization') ?? null);
    if (!token) throw unauthorized();
    const user = await authenticateToken(c.var.db, token);
    if (!user) throw unauthorized();
    c.set('user', user);
    return next();
  };
}
