// An immutable, indexed view of all RBAC objects: the authorizer the API consults on every request.
// Bindings are indexed by the subjects they name, so a decision only visits the bindings of the user's
// own name and groups, never every rule in the cluster.
import { goQuote } from '../selectors/labels/go-format';
import { aggregateClusterRoles } from './aggregate';
import { ruleAllows } from './rule';
import { describeSubject, subjectKey, userKeys } from './subjects';
import type { BindingObject, ClusterRoleObject, PolicyRule, RbacAttributes, RbacDecision, RbacUser, RoleObject, RoleRef } from './types';

/** Members of this group may do anything, whatever the bindings say (upstream's superuser group). */
export const SUPERUSER_GROUP = 'system:masters';

export interface RbacObjects {
  roles?: readonly RoleObject[];
  clusterRoles?: readonly ClusterRoleObject[];
  roleBindings?: readonly BindingObject[];
  clusterRoleBindings?: readonly BindingObject[];
}

/** Rules a role reference resolves to, or the error upstream's resolver reports for it. */
export type Resolved = { rules: readonly PolicyRule[]; error?: undefined } | { rules?: undefined; error: string };

interface Indexed {
  /** Position in the input; visiting in this order keeps decisions and reasons deterministic. */
  order: number;
  binding: BindingObject;
  /** '' for ClusterRoleBindings. */
  namespace: string;
  resolved: Resolved;
}

interface Hit {
  b: Indexed;
  /** The first subject of the binding that names the user, for the allow reason. */
  subject: number;
}

type Index = Map<string, { b: Indexed; subject: number }[]>;

/** Resolved rules, and resolution errors of bindings that applied (upstream's RulesFor). */
export interface ResolvedRules {
  rules: PolicyRule[];
  errors: string[];
}

export class RbacSnapshot {
  private readonly clusterRoleRules: Map<string, readonly PolicyRule[]>;
  private readonly roleRules = new Map<string, readonly PolicyRule[]>();
  private readonly clusterIndex: Index = new Map();
  private readonly namespaceIndex = new Map<string, Index>();

  constructor(objs: RbacObjects) {
    this.clusterRoleRules = aggregateClusterRoles(objs.clusterRoles ?? []);
    for (const r of objs.roles ?? []) {
      if (r.metadata.name) this.roleRules.set(roleKey(r.metadata.namespace ?? '', r.metadata.name), r.rules ?? []);
    }
    let order = 0;
    for (const b of objs.clusterRoleBindings ?? []) this.add(this.clusterIndex, b, '', order++);
    for (const b of objs.roleBindings ?? []) {
      const ns = b.metadata.namespace ?? '';
      if (!ns) continue;
      let idx = this.namespaceIndex.get(ns);
      if (!idx) this.namespaceIndex.set(ns, (idx = new Map()));
      this.add(idx, b, ns, order++);
    }
  }

  private add(index: Index, binding: BindingObject, namespace: string, order: number) {
    const b: Indexed = { order, binding, namespace, resolved: this.resolveRoleRef(binding.roleRef, namespace) };
    binding.subjects?.forEach((s, subject) => {
      const key = subjectKey(s, namespace);
      if (key === undefined) return;
      let list = index.get(key);
      if (!list) index.set(key, (list = []));
      list.push({ b, subject });
    });
  }

  /** The effective rules of a ClusterRole (aggregation applied), or undefined when there is none. */
  clusterRole(name: string): readonly PolicyRule[] | undefined {
    return this.clusterRoleRules.get(name);
  }

  role(namespace: string, name: string): readonly PolicyRule[] | undefined {
    return this.roleRules.get(roleKey(namespace, name));
  }

  /** What a binding's roleRef grants; `namespace` is the binding's ('' for a ClusterRoleBinding). */
  resolveRoleRef(ref: RoleRef, namespace: string): Resolved {
    switch (ref.kind) {
      case 'Role': {
        const rules = this.role(namespace, ref.name);
        return rules ? { rules } : { error: notFoundMessage('role', ref.name) };
      }
      case 'ClusterRole': {
        const rules = this.clusterRole(ref.name);
        return rules ? { rules } : { error: notFoundMessage('clusterrole', ref.name) };
      }
      default:
        return { error: `unsupported role reference kind: ${goQuote(ref.kind)}` };
    }
  }

  /** Bindings naming the user, cluster-wide ones first, then those of `namespace`; each once. */
  private bindingsFor(user: RbacUser, namespace: string): Hit[] {
    const keys = userKeys(user);
    const collect = (index: Index | undefined): Hit[] => {
      if (!index) return [];
      const hits = new Map<Indexed, number>();
      for (const k of keys) {
        for (const e of index.get(k) ?? []) {
          const prev = hits.get(e.b);
          if (prev === undefined || e.subject < prev) hits.set(e.b, e.subject);
        }
      }
      return [...hits].map(([b, subject]) => ({ b, subject })).sort((x, y) => x.b.order - y.b.order);
    };
    const cluster = collect(this.clusterIndex);
    return namespace ? cluster.concat(collect(this.namespaceIndex.get(namespace))) : cluster;
  }

  /**
   * The RBAC decision for a request. Denials carry no reason unless a binding that applied could not be
   * resolved (its role is missing), as upstream's `RBAC: clusterrole.rbac.authorization.k8s.io "x" not found`.
   */
  authorize(user: RbacUser, attrs: RbacAttributes): RbacDecision {
    if (user.groups.includes(SUPERUSER_GROUP)) return { allowed: true, reason: '' };
    const errors: string[] = [];
    for (const hit of this.bindingsFor(user, attrs.namespace ?? '')) {
      const { resolved } = hit.b;
      if (resolved.error !== undefined) {
        errors.push(resolved.error);
        continue;
      }
      if (resolved.rules.some((r) => ruleAllows(r, attrs))) return { allowed: true, reason: `RBAC: allowed by ${describeHit(hit)}` };
    }
    return { allowed: false, reason: errors.length ? `RBAC: ${aggregateErrors(errors)}` : '' };
  }

  /** Every rule the user holds in `namespace` ('' for cluster scope only), in visiting order. */
  resolveRules(user: RbacUser, namespace: string): ResolvedRules {
    const out: ResolvedRules = { rules: [], errors: [] };
    for (const { b } of this.bindingsFor(user, namespace)) {
      if (b.resolved.error !== undefined) out.errors.push(b.resolved.error);
      else out.rules.push(...b.resolved.rules);
    }
    return out;
  }

  /** SelfSubjectRulesReview's status: rules split into resource and non-resource ones. */
  rulesFor(user: RbacUser, namespace: string): RulesReview {
    const { rules, errors } = this.resolveRules(user, namespace);
    const review: RulesReview = { resourceRules: [], nonResourceRules: [], incomplete: false };
    for (const r of rules) {
      // A rule naming both kinds is invalid, but if one is stored it shows up in both lists, as upstream.
      if (r.resources?.length) review.resourceRules.push(resourceRule(r));
      if (r.nonResourceURLs?.length) review.nonResourceRules.push({ verbs: [...(r.verbs ?? [])], nonResourceURLs: [...r.nonResourceURLs] });
    }
    if (errors.length) review.evaluationError = aggregateErrors(errors);
    return review;
  }
}

export interface ResourceRuleInfo {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface RulesReview {
  resourceRules: ResourceRuleInfo[];
  nonResourceRules: { verbs: string[]; nonResourceURLs?: string[] }[];
  incomplete: boolean;
  /** Set when some binding's role could not be found; the rules listed are then partial. */
  evaluationError?: string;
}

function resourceRule(r: PolicyRule): ResourceRuleInfo {
  const out: ResourceRuleInfo = { verbs: [...(r.verbs ?? [])] };
  if (r.apiGroups?.length) out.apiGroups = [...r.apiGroups];
  if (r.resources?.length) out.resources = [...r.resources];
  if (r.resourceNames?.length) out.resourceNames = [...r.resourceNames];
  return out;
}

const roleKey = (namespace: string, name: string) => `${namespace}/${name}`;

/** A lister's not-found error: singular resource, as upstream's RBAC resolver reports it. */
const notFoundMessage = (resource: 'role' | 'clusterrole', name: string) => `${resource}.rbac.authorization.k8s.io ${goQuote(name)} not found`;

/** Go's aggregate error text: duplicates dropped, one message bare, several bracketed. */
export function aggregateErrors(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

function describeHit({ b, subject }: Hit): string {
  const ref = b.binding.roleRef;
  const s = b.binding.subjects![subject];
  const name = b.namespace ? `${b.binding.metadata.name}/${b.namespace}` : (b.binding.metadata.name ?? '');
  const kind = b.namespace ? 'RoleBinding' : 'ClusterRoleBinding';
  return `${kind} ${goQuote(name)} of ${ref.kind} ${goQuote(ref.name)} to ${describeSubject(s, b.namespace)}`;
}
