// Who a binding grants to, as lookup keys. A ServiceAccount subject is matched through the user name the
// authenticator gives its tokens; the groups of service accounts are ordinary Group subjects.
import { goQuote } from '../selectors/labels/go-format';
import type { RbacUser, Subject } from './types';

export const SA_PREFIX = 'system:serviceaccount:';

export const serviceAccountUsername = (namespace: string, name: string) => `${SA_PREFIX}${namespace}:${name}`;

/** The groups every token of a service account carries (system:serviceaccounts and the per-namespace one). */
export const serviceAccountGroups = (namespace: string) => ['system:serviceaccounts', `system:serviceaccounts:${namespace}`];

const userKey = (name: string) => `u\u0000${name}`;
const groupKey = (name: string) => `g\u0000${name}`;

/**
 * The key a subject is indexed under, or undefined when it can match nobody. A ServiceAccount without a
 * namespace takes the binding's (RoleBindings only; a ClusterRoleBinding has none to lend).
 */
export function subjectKey(s: Subject, bindingNamespace: string): string | undefined {
  switch (s.kind) {
    case 'User':
      return userKey(s.name);
    case 'Group':
      return groupKey(s.name);
    case 'ServiceAccount': {
      const ns = s.namespace || bindingNamespace;
      return ns ? userKey(serviceAccountUsername(ns, s.name)) : undefined;
    }
    default:
      return undefined;
  }
}

/** The keys a user is found under: its name and each of its groups. */
export const userKeys = (u: RbacUser) => [userKey(u.name), ...u.groups.map(groupKey)];

/** `User "alice"`, `Group "devs"`, `ServiceAccount "ci/dev"` (name/namespace), as upstream's allow reasons. */
export function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} ${goQuote(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${goQuote(s.name)}`;
}
