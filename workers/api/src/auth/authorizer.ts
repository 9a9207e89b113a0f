// The authorization stage. Every resource request is checked here before its handler runs. Until RBAC
// lands (the security issue) the authorizer allows any authenticated user everything; swapping the
// implementation is the only change RBAC needs in the request path.
import { forbidden } from '../../../kube/status';
import type { UserInfo } from './user';

export interface RequestAttributes {
  user: UserInfo;
  verb: string;
  /** Resource requests. */
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** The request's field selector (list/watch), for authorizers that allow only pinned reads. */
  fieldSelector?: string;
  /** Non-resource requests (e.g. /healthz). */
  path?: string;
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

export interface RulesReview {
  resourceRules: { verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }[];
  nonResourceRules: { verbs: string[]; nonResourceURLs?: string[] }[];
  incomplete: boolean;
}

export interface Authorizer {
  authorize(attrs: RequestAttributes): Promise<Decision>;
  rulesFor(user: UserInfo, namespace: string): Promise<RulesReview>;
}

const isAuthenticated = (u: UserInfo) => u.groups.includes('system:authenticated');

export const allowAuthenticated: Authorizer = {
  async authorize(attrs) {
    return isAuthenticated(attrs.user) ? { allowed: true, reason: '' } : { allowed: false, reason: 'not authenticated' };
  },
  async rulesFor(user) {
    if (!isAuthenticated(user)) return { resourceRules: [], nonResourceRules: [], incomplete: false };
    return {
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    };
  },
};

/** Throws upstream's 403 when the attributes are not allowed. */
export async function requireAllowed(authorizer: Authorizer, a: RequestAttributes): Promise<void> {
  const d = await authorizer.authorize(a);
  if (d.allowed) return;
  if (a.path !== undefined) throw forbidden(`forbidden: User "${a.user.name}" cannot ${a.verb} path "${a.path}"`);
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const qualified = a.group ? `${a.resource}.${a.group}` : a.resource;
  const scope = a.namespace ? ` in the namespace "${a.namespace}"` : ' at the cluster scope';
  const target = a.name ? `${qualified} "${a.name}"` : qualified;
  throw forbidden(`${target} is forbidden: User "${a.user.name}" cannot ${a.verb} resource "${res}" in API group "${a.group ?? ''}"${scope}${d.reason ? `: ${d.reason}` : ''}`, {
    name: a.name,
    group: a.group || undefined,
    kind: a.resource,
  });
}
