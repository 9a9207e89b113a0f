// Escalation prevention: a user may only create a role, or bind one, whose permissions they already hold,
// unless RBAC grants them `escalate` on the role resource or `bind` on the role. Results are returned,
// not thrown: undefined when allowed, otherwise the error the API should send.
import { forbidden, internalError, notFound, type StatusError } from '../status';
import { goQuote } from '../selectors/labels/go-format';
import { hasAggregationRule } from './aggregate';
import { compactRules, compactString, coveringRules, goQuotedList } from './covers';
import { onlyGcFieldsChanged } from './gc-fields';
import { SUPERUSER_GROUP, aggregateErrors, type RbacSnapshot } from './snapshot';
import { RBAC_GROUP, type BindingObject, type ClusterRoleObject, type PolicyRule, type RbacUser, type RoleObject } from './types';

/** Everything: what setting an aggregationRule requires, since it can gather any rule. */
export const FULL_AUTHORITY: readonly PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

type Plural = 'roles' | 'clusterroles' | 'rolebindings' | 'clusterrolebindings';

function forbiddenFor(plural: Plural, name: string, why: string): StatusError {
  const target = name ? `${plural}.${RBAC_GROUP} ${goQuote(name)}` : `${plural}.${RBAC_GROUP}`;
  return forbidden(`${target} is forbidden: ${why}`, { name: name || undefined, group: RBAC_GROUP, kind: plural });
}

/**
 * The reason text when `user` lacks some of `rules` in `namespace`, or undefined when they hold them all.
 * Missing atoms are merged by verb, printed one per line and sorted, as upstream.
 */
export function escalationMessage(snap: RbacSnapshot, user: RbacUser, namespace: string, rules: readonly PolicyRule[]): string | undefined {
  const owner = snap.resolveRules(user, namespace);
  const missing = coveringRules(owner.rules, rules);
  if (!missing.length) return undefined;
  const lines = [...new Set(compactRules(missing).map(compactString))].sort();
  let msg = `user ${goQuote(user.name)} (groups=${goQuotedList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
  if (owner.errors.length) msg += `; resolution errors: [${aggregateErrors(owner.errors)}]`;
  return msg;
}

export interface RoleChange {
  kind: 'Role' | 'ClusterRole';
  /** The role as it will be stored. */
  obj: RoleObject | ClusterRoleObject;
  /** The stored role, on update. */
  old?: RoleObject | ClusterRoleObject;
  /** The request's namespace ('' for ClusterRoles). */
  namespace: string;
  /** The name in the request URL: absent on create, so `escalate` limited by resourceNames never applies there. */
  requestName?: string;
}

/** Creating or updating a Role or ClusterRole. */
export function checkRoleEscalation(snap: RbacSnapshot, user: RbacUser, change: RoleChange): StatusError | undefined {
  const clusterRole = change.kind === 'ClusterRole';
  const plural: Plural = clusterRole ? 'clusterroles' : 'roles';
  if (user.groups.includes(SUPERUSER_GROUP)) return undefined;
  const escalate = { verb: 'escalate', group: RBAC_GROUP, resource: plural, namespace: change.namespace || undefined, name: change.requestName };
  if (snap.authorize(user, escalate).allowed) return undefined;
  if (change.old && onlyGcFieldsChanged(change.old, change.obj)) return undefined;
  const name = change.obj.metadata.name ?? '';
  const why = escalationMessage(snap, user, change.namespace, change.obj.rules ?? []);
  if (why) return forbiddenFor(plural, name, why);
  if (clusterRole && (hasAggregationRule(change.obj as ClusterRoleObject) || hasAggregationRule(change.old as ClusterRoleObject | undefined))) {
    if (escalationMessage(snap, user, change.namespace, FULL_AUTHORITY)) return forbiddenFor(plural, name, 'must have cluster-admin privileges to use the aggregationRule');
  }
  return undefined;
}

export interface BindingChange {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  obj: BindingObject;
  old?: BindingObject;
  /** The binding's namespace ('' for ClusterRoleBindings). */
  namespace: string;
}

/** Creating or updating a RoleBinding or ClusterRoleBinding. */
export function checkBindingEscalation(snap: RbacSnapshot, user: RbacUser, change: BindingChange): StatusError | undefined {
  const plural: Plural = change.kind === 'ClusterRoleBinding' ? 'clusterrolebindings' : 'rolebindings';
  if (user.groups.includes(SUPERUSER_GROUP)) return undefined;
  if (change.old && onlyGcFieldsChanged(change.old, change.obj)) return undefined;
  const ref = change.obj.roleRef;
  if (bindAuthorized(snap, user, change)) return undefined;
  const resolved = snap.resolveRoleRef(ref, change.namespace);
  if (resolved.error !== undefined) {
    // Upstream passes the resolver's error through: a 404 for a missing role.
    if (ref.kind === 'Role' || ref.kind === 'ClusterRole') return notFound({ resource: ref.kind.toLowerCase(), group: RBAC_GROUP }, ref.name);
    return internalError(resolved.error);
  }
  const why = escalationMessage(snap, user, change.namespace, resolved.rules);
  return why ? forbiddenFor(plural, change.obj.metadata.name ?? '', why) : undefined;
}

/** `bind` on the referenced role, checked in the binding's namespace (cluster scope for ClusterRoleBindings). */
function bindAuthorized(snap: RbacSnapshot, user: RbacUser, change: BindingChange): boolean {
  const ref = change.obj.roleRef;
  const resource = ref.kind === 'ClusterRole' ? 'clusterroles' : ref.kind === 'Role' ? 'roles' : undefined;
  if (!resource) return false;
  return snap.authorize(user, { verb: 'bind', group: ref.apiGroup ?? RBAC_GROUP, resource, name: ref.name, namespace: change.namespace || undefined }).allowed;
}

/** Either check, chosen by the kind of object being written. */
export function checkEscalation(snap: RbacSnapshot, user: RbacUser, change: RoleChange | BindingChange): StatusError | undefined {
  return isRoleChange(change) ? checkRoleEscalation(snap, user, change) : checkBindingEscalation(snap, user, change);
}

const isRoleChange = (c: RoleChange | BindingChange): c is RoleChange => c.kind === 'Role' || c.kind === 'ClusterRole';
