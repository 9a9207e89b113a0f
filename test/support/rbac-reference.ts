// An independent RBAC reference for the matrix test, written from upstream's documented rules
// (kubernetes.io/docs/reference/access-authn-authz/rbac and plugin/pkg/auth/authorizer/rbac's matching
// functions), deliberately sharing no code with workers/kube/rbac: if both agree on thousands of cases,
// neither is likely wrong in the same way.

export interface RefRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
interface Meta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
}
interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
export interface RefRole {
  metadata: Meta;
  rules?: RefRule[] | null;
  aggregationRule?: { clusterRoleSelectors?: Selector[] | null } | null;
}
export interface RefSubject {
  kind: string;
  name: string;
  namespace?: string;
}
export interface RefBinding {
  metadata: Meta;
  roleRef: { kind: string; name: string };
  subjects?: RefSubject[] | null;
}
export interface RefPolicy {
  roles: RefRole[];
  clusterRoles: RefRole[];
  roleBindings: RefBinding[];
  clusterRoleBindings: RefBinding[];
}
export interface RefUser {
  name: string;
  groups: string[];
}
/** A resource request (no path) or a non-resource request (path set). */
export interface RefAttrs {
  verb: string;
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  path?: string;
}
export interface RefDecision {
  allowed: boolean;
  /** Roles named by bindings that applied but could not be found, in visiting order (the deny reason). */
  missing: string[];
}

function selectorMatches(sel: Selector, labels: Record<string, string> = {}): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const inValues = has && (e.values ?? []).includes(labels[e.key]);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/**
 * Effective ClusterRole rules: the aggregation controller gives a role with an aggregationRule the
 * union of the rules of every other ClusterRole one of its selectors matches (repeating until stable,
 * since aggregated roles may themselves be aggregated, as admin ← edit ← view).
 */
export function effectiveClusterRoles(roles: RefRole[]): Map<string, RefRule[]> {
  const out = new Map<string, RefRule[]>();
  for (const r of roles) out.set(r.metadata.name, r.aggregationRule?.clusterRoleSelectors?.length ? [] : (r.rules ?? []));
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of roles) {
      const selectors = r.aggregationRule?.clusterRoleSelectors ?? [];
      if (!selectors.length) continue;
      const seen = new Set<string>();
      const rules: RefRule[] = [];
      for (const other of roles) {
        if (other.metadata.name === r.metadata.name || !selectors.some((s) => selectorMatches(s, other.metadata.labels))) continue;
        for (const rule of out.get(other.metadata.name) ?? []) {
          const k = JSON.stringify(rule);
          if (seen.has(k)) continue;
          seen.add(k);
          rules.push(rule);
        }
      }
      // Rules only ever grow from the empty start, so a changed count is a change.
      if (rules.length !== out.get(r.metadata.name)!.length) {
        out.set(r.metadata.name, rules);
        changed = true;
      }
    }
  }
  return out;
}

const star = (list: string[] | undefined, v: string) => !!list && (list.includes('*') || list.includes(v));

function resourceMatches(rule: RefRule, resource: string, sub: string): boolean {
  const combined = sub ? `${resource}/${sub}` : resource;
  return (rule.resources ?? []).some((r) => r === '*' || r === combined || (!!sub && r === `*/${sub}`));
}

function urlMatches(rule: RefRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))));
}

export function ruleAllows(rule: RefRule, a: RefAttrs): boolean {
  if (!star(rule.verbs, a.verb)) return false;
  if (a.path !== undefined) return urlMatches(rule, a.path);
  if (!star(rule.apiGroups, a.group ?? '') || !resourceMatches(rule, a.resource ?? '', a.subresource ?? '')) return false;
  return !rule.resourceNames?.length || (!!a.name && rule.resourceNames.includes(a.name));
}

function appliesTo(s: RefSubject, user: RefUser, bindingNamespace: string): boolean {
  if (s.kind === 'User') return s.name === user.name;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount') {
    const ns = s.namespace || bindingNamespace;
    return !!ns && user.name === `system:serviceaccount:${ns}:${s.name}`;
  }
  return false;
}

export class ReferenceAuthorizer {
  private readonly clusterRules: Map<string, RefRule[]>;

  constructor(private readonly p: RefPolicy) {
    this.clusterRules = effectiveClusterRoles(p.clusterRoles);
  }

  clusterRoleRules(name: string): RefRule[] | undefined {
    return this.clusterRules.get(name);
  }

  private resolve(b: RefBinding, namespace: string): RefRule[] | string {
    if (b.roleRef.kind === 'ClusterRole') return this.clusterRules.get(b.roleRef.name) ?? `clusterrole.rbac.authorization.k8s.io "${b.roleRef.name}" not found`;
    const role = this.p.roles.find((r) => r.metadata.namespace === namespace && r.metadata.name === b.roleRef.name);
    return role ? (role.rules ?? []) : `role.rbac.authorization.k8s.io "${b.roleRef.name}" not found`;
  }

  /** system:masters first (the privileged-group authorizer), then ClusterRoleBindings, then the request namespace's RoleBindings. */
  authorize(user: RefUser, a: RefAttrs): RefDecision {
    if (user.groups.includes('system:masters')) return { allowed: true, missing: [] };
    const ns = a.path === undefined ? (a.namespace ?? '') : '';
    const bindings: [RefBinding, string][] = this.p.clusterRoleBindings.map((b) => [b, '']);
    if (ns) for (const b of this.p.roleBindings) if (b.metadata.namespace === ns) bindings.push([b, ns]);
    const missing: string[] = [];
    for (const [b, bns] of bindings) {
      if (!(b.subjects ?? []).some((s) => appliesTo(s, user, bns))) continue;
      const rules = this.resolve(b, bns);
      if (typeof rules === 'string') {
        if (!missing.includes(rules)) missing.push(rules);
        continue;
      }
      if (rules.some((r) => ruleAllows(r, a))) return { allowed: true, missing: [] };
    }
    return { allowed: false, missing };
  }
}

/** Upstream's Forbidden message for a denied request (responsewriters.forbiddenMessage + NewForbidden). */
export function forbiddenMessage(user: string, a: RefAttrs, missing: string[]): string {
  const reason = missing.length === 0 ? '' : `: RBAC: ${missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`}`;
  if (a.path !== undefined) return `forbidden: User "${user}" cannot ${a.verb} path "${a.path}"${reason}`;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource!;
  const qualified = a.group ? `${a.resource}.${a.group}` : a.resource!;
  const target = a.name ? `${qualified} "${a.name}"` : qualified;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `${target} is forbidden: User "${user}" cannot ${a.verb} resource "${res}" in API group "${a.group ?? ''}" ${scope}${reason}`;
}
