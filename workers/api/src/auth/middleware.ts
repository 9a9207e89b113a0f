// Authentication stage of the request pipeline. Authorization and admission plug in after it
// (their own issue); until then every authenticated user may do everything.
import type { MiddlewareHandler } from 'hono';
import { unauthorized } from '../../../kube/status';
import type { AppEnv } from '../app-env';
import { authenticateToken, bearerToken } from './tokens';
import { websocketBearerToken } from './websocket-token';
import { looksLikeJwt } from '../../../kube/jwt';
import { authenticateServiceAccountToken } from './serviceaccount/authenticate';
import { ANONYMOUS } from './user';
import { authorizationAlwaysAllows, configureAuthorization } from './mode';

/** Paths anyone may read, as upstream's system:public-info-viewer role allows. */
const PUBLIC = new Set(['/healthz', '/livez', '/readyz', '/version']);
/**
 * kubeadm-style discovery: a joining node reads the cluster-info ConfigMap before it trusts the server
 * (it checks the token's signature in it), so it must not send its token yet. Only this object may be
 * read anonymously, and RBAC still decides (a Role in kube-public grants it).
 */
const ANONYMOUS_GET = '/api/v1/namespaces/kube-public/configmaps/cluster-info';

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    configureAuthorization(c.env);
    const path = new URL(c.req.url).pathname;
    if (PUBLIC.has(path)) return next();
    const token = bearerToken(c.req.header('authorization') ?? null) ?? websocketBearerToken(c.req.raw.headers);
    if (!token && path === ANONYMOUS_GET && c.req.method === 'GET' && !c.req.header('authorization')) {
      c.set('user', ANONYMOUS);
      return next();
    }
    if (!token && authorizationAlwaysAllows()) {
      c.set('user', ANONYMOUS); // --anonymous-auth with AlwaysAllow: the bench's security-off baseline
      return next();
    }
    if (!token) throw unauthorized();
    // ServiceAccount tokens (JWTs) first; anything else is a stored or bootstrap token.
    if (looksLikeJwt(token)) {
      const sa = await authenticateServiceAccountToken(c.env, c.var.db, token);
      if (sa.ok) {
        c.set('user', sa.user);
        return next();
      }
    }
    const user = await authenticateToken(c.var.db, token);
    if (!user) throw unauthorized();
    c.set('user', user);
    return next();
  };
}
