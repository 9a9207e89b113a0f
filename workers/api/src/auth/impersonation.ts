// Impersonation (`kubectl --as`, `--as-group`, `--as-uid`): the Impersonate-* headers switch the request
// to another identity after the caller proved it may act as each part of it (verb impersonate on users,
// serviceaccounts, groups, uids, userextras/<key>), as upstream's impersonation filter does.
import type { MiddlewareHandler } from 'hono';
import { SA_PREFIX, serviceAccountGroups } from '../../../kube/rbac/subjects';
import { badRequest } from '../../../kube/status';
import type { AppEnv } from '../app-env';
import { requireAllowed, type Authorizer } from './authorizer';
import { withNodeAuthorizer } from './node-authorizer';
import { rbacAuthorizer } from './rbac';
import type { UserInfo } from './user';

const EXTRA_PREFIX = 'impersonate-extra-';

interface Requested {
  user?: string;
  uid?: string;
  groups: string[];
  extra: Record<string, string[]>;
}

export function requestedIdentity(headers: Headers): Requested | undefined {
  const r: Requested = { user: headers.get('impersonate-user') ?? undefined, uid: headers.get('impersonate-uid') ?? undefined, groups: [], extra: {} };
  let any = r.user !== undefined || r.uid !== undefined;
  headers.forEach((value, name) => {
    const n = name.toLowerCase();
    if (n === 'impersonate-group') {
      any = true;
      // Fetch joins repeated headers with ", ".
      r.groups.push(...value.split(',').map((g) => g.trim()).filter(Boolean));
    } else if (n.startsWith(EXTRA_PREFIX)) {
      any = true;
      const key = decodeURIComponent(n.slice(EXTRA_PREFIX.length));
      (r.extra[key] ??= []).push(...value.split(',').map((v) => v.trim()).filter(Boolean));
    }
  });
  return any ? r : undefined;
}

async function check(authorizer: Authorizer, caller: UserInfo, r: Requested): Promise<void> {
  const imp = (resource: string, name: string, extra: { group?: string; namespace?: string; subresource?: string } = {}) =>
    requireAllowed(authorizer, { user: caller, verb: 'impersonate', group: extra.group ?? '', version: 'v1', resource, subresource: extra.subresource, namespace: extra.namespace, name });
  const user = r.user!;
  if (user.startsWith(SA_PREFIX)) {
    const [namespace, name] = user.slice(SA_PREFIX.length).split(':');
    await imp('serviceaccounts', name ?? '', { namespace });
  } else {
    await imp('users', user);
  }
  for (const g of r.groups) await imp('groups', g);
  if (r.uid !== undefined) await imp('uids', r.uid, { group: 'authentication.k8s.io' });
  for (const [key, values] of Object.entries(r.extra)) for (const v of values) await imp('userextras', v, { group: 'authentication.k8s.io', subresource: key });
}

/** The identity the request continues as (upstream: groups as requested, plus the implied ones). */
export function impersonatedUser(r: Requested): UserInfo {
  const user = r.user!;
  const groups = [...r.groups];
  if (user.startsWith(SA_PREFIX) && groups.length === 0) groups.push(...serviceAccountGroups(user.slice(SA_PREFIX.length).split(':')[0] ?? ''));
  if (user === 'system:anonymous') {
    if (!groups.includes('system:unauthenticated')) groups.push('system:unauthenticated');
  } else if (!groups.includes('system:authenticated')) groups.push('system:authenticated');
  return { name: user, uid: r.uid ?? '', groups, ...(Object.keys(r.extra).length ? { extra: r.extra } : {}) };
}

export function impersonate(): MiddlewareHandler<AppEnv> {
  return async function impersonate(c, next) {
    const r = requestedIdentity(c.req.raw.headers);
    if (!r) return next();
    if (r.user === undefined) {
      throw badRequest(`requested ${JSON.stringify({ groups: r.groups, uid: r.uid, extra: r.extra })} without impersonating a user`);
    }
    const caller = c.var.user;
    await check(withNodeAuthorizer(c.var.db, rbacAuthorizer(c.var.db)), caller, r);
    c.set('user', impersonatedUser(r));
    return next();
  };
}
