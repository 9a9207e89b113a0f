// Does one PolicyRule allow one request? The matching semantics of upstream RBAC, rule by rule.
import type { PolicyRule, RbacAttributes } from './types';

const ALL = '*';

const has = (list: readonly string[] | null | undefined, v: string) => !!list && list.includes(v);

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return has(rule.verbs, ALL) || has(rule.verbs, verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return has(rule.apiGroups, ALL) || has(rule.apiGroups, group);
}

/**
 * `*` matches everything including subresources; `pods/log` only that subresource; `*\/log` the log
 * subresource of any resource. As upstream, `pods/*` is not a wildcard: it only names a subresource
 * literally called `*`, so it grants nothing real.
 */
export function resourceMatches(rule: PolicyRule, resource: string, subresource: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  for (const r of rule.resources ?? []) {
    if (r === ALL || r === combined) return true;
    if (subresource && r === `*/${subresource}`) return true;
  }
  return false;
}

/** An empty list means any name; otherwise the request must carry one of the names (so create/list never match). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (!rule.resourceNames?.length) return true;
  return rule.resourceNames.includes(name);
}

/** Exact, `*`, or a prefix ending in `*` (`/apis/*` covers `/apis/apps/v1`). */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === ALL || u === path) return true;
    if (u.endsWith(ALL) && path.startsWith(trimStars(u))) return true;
  }
  return false;
}

/** Go's strings.TrimRight(s, "*"): all trailing stars go. */
export function trimStars(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === ALL) end--;
  return s.slice(0, end);
}

export const isResourceRequest = (a: RbacAttributes) => a.path === undefined;

export function ruleAllows(rule: PolicyRule, a: RbacAttributes): boolean {
  if (!verbMatches(rule, a.verb)) return false;
  if (!isResourceRequest(a)) return nonResourceURLMatches(rule, a.path ?? '');
  return (
    apiGroupMatches(rule, a.group ?? '') &&
    resourceMatches(rule, a.resource ?? '', a.subresource ?? '') &&
    resourceNameMatches(rule, a.name ?? '')
  );
}

/** True when any of the rules allows the request. */
export const rulesAllow = (rules: readonly PolicyRule[], a: RbacAttributes) => rules.some((r) => ruleAllows(r, a));
