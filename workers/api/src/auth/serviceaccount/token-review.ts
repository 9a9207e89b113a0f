// TokenReview (authentication.k8s.io/v1): answers whether a token authenticates and as whom, through
// the same authenticators as requests (ServiceAccount JWTs, then the stored bearer tokens).
import { looksLikeJwt } from '../../../../kube/jwt';
import type { ResourceCtx } from '../../context';
import { authenticateToken } from '../tokens';
import type { UserInfo } from '../user';
import { authenticateServiceAccountToken } from './authenticate';
import { tokenConfig } from './config';

export interface TokenReviewStatus {
  authenticated: boolean;
  user?: { username: string; uid?: string; groups: string[]; extra?: Record<string, string[]> };
  audiences?: string[];
  error?: string;
}

const userInfoOf = (u: UserInfo) => ({ username: u.name, ...(u.uid ? { uid: u.uid } : {}), groups: u.groups, ...(u.extra && Object.keys(u.extra).length ? { extra: u.extra } : {}) });

export async function reviewToken(ctx: Pick<ResourceCtx, 'env' | 'db'>, spec: { token?: string; audiences?: string[] }): Promise<TokenReviewStatus> {
  const token = spec.token ?? '';
  if (!token) return { authenticated: false, error: 'token is required' };
  const wanted = spec.audiences?.length ? spec.audiences : undefined;
  if (looksLikeJwt(token)) {
    const r = await authenticateServiceAccountToken(ctx.env, ctx.db, token, { audiences: wanted });
    if (r.ok) return { authenticated: true, user: userInfoOf(r.user), audiences: r.audiences };
    return { authenticated: false, error: `[invalid bearer token, ${r.error}]` };
  }
  // Stored tokens are not audience-bound: they are valid for the API's audiences only.
  const apiAuds = tokenConfig(ctx.env).apiAudiences;
  const auds = wanted ? wanted.filter((a) => apiAuds.includes(a)) : apiAuds;
  if (!auds.length) return { authenticated: false, error: 'token audiences are not accepted' };
  const user = await authenticateToken(ctx.db, token);
  if (!user) return { authenticated: false, error: 'invalid bearer token' };
  return { authenticated: true, user: userInfoOf(user), audiences: auds };
}
