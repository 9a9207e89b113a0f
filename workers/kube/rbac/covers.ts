// Does one set of rules cover another? Used to stop users granting permissions they do not hold.
// The requested rules are split into atoms (one group, resource, verb and name each); every atom must be
// covered by a single owner rule, and the uncovered atoms are what the error lists.
import { goQuote } from '../selectors/labels/go-format';
import { trimStars } from './rule';
import type { PolicyRule } from './types';

type List = readonly string[] | null | undefined;
const has = (set: List, v: string) => !!set && set.includes(v);
const hasAll = (set: List, vs: List) => (vs ?? []).every((v) => has(set, v));

/** Splits a rule into rules of at most one verb, group, resource and name (or one URL and verb). */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  // A resource rule without apiGroups yields no atoms, so it is trivially covered, as upstream.
  for (const g of rule.apiGroups ?? []) {
    for (const res of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if (rule.resourceNames?.length) {
          for (const n of rule.resourceNames) out.push({ apiGroups: [g], resources: [res], verbs: [verb], resourceNames: [n] });
        } else out.push({ apiGroups: [g], resources: [res], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

/** `*`, the exact name, or `*\/sub` for a `res/sub` atom. */
function resourcesCover(owner: List, wanted: List): boolean {
  if (has(owner, '*') || hasAll(owner, wanted)) return true;
  for (const path of wanted ?? []) {
    if (has(owner, path)) continue;
    const slash = path.indexOf('/');
    if (slash < 0 || !has(owner, `*/${path.slice(slash + 1)}`)) return false;
  }
  return true;
}

function urlCovers(owner: string, wanted: string): boolean {
  return owner === wanted || (owner.endsWith('*') && wanted.startsWith(trimStars(owner)));
}

const urlsCover = (owner: List, wanted: List) => (wanted ?? []).every((w) => (owner ?? []).some((o) => urlCovers(o, w)));

/** Whether `owner` covers the atom `sub`. A name-restricted owner rule never covers an unnamed atom. */
export function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const ownerNamed = !!owner.resourceNames?.length;
  const names = sub.resourceNames?.length ? !ownerNamed || hasAll(owner.resourceNames, sub.resourceNames) : !ownerNamed;
  return verbs && groups && names && resourcesCover(owner.resources, sub.resources) && urlsCover(owner.nonResourceURLs, sub.nonResourceURLs);
}

/**
 * The atoms of `requested` that no rule of `ownerRules` covers; empty when the owner holds them all
 * (upstream's "attempting to grant RBAC permissions not currently held").
 */
export function coveringRules(ownerRules: readonly PolicyRule[], requested: readonly PolicyRule[]): PolicyRule[] {
  return requested.flatMap(breakdownRule).filter((sub) => !ownerRules.some((o) => ruleCovers(o, sub)));
}

export const covers = (ownerRules: readonly PolicyRule[], requested: readonly PolicyRule[]) => coveringRules(ownerRules, requested).length === 0;

/** Merges atoms that differ only by verb, so a missing `get, list, watch` reads as one line. */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule & { verbs: string[] }>();
  for (const r of rules) {
    const key = simpleKey(r);
    if (key === undefined) {
      out.push(r);
      continue;
    }
    const prev = simple.get(key);
    if (prev) prev.verbs.push(...(r.verbs ?? []));
    else simple.set(key, { ...r, verbs: [...(r.verbs ?? [])] });
  }
  return [...out, ...simple.values()];
}

/** One group, one resource, at most one name, no URLs: such rules may be merged. */
function simpleKey(r: PolicyRule): string | undefined {
  if ((r.resourceNames?.length ?? 0) > 1 || r.nonResourceURLs?.length) return undefined;
  if (r.apiGroups?.length !== 1 || r.resources?.length !== 1) return undefined;
  return JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames?.[0] ?? null]);
}

/** Go's %q of a []string: `["a" "b"]`. */
export const goQuotedList = (l: readonly string[]) => `[${l.map(goQuote).join(' ')}]`;

/** `{APIGroups:["apps"], Resources:["deployments"], Verbs:["create"]}`: only non-empty fields, in this order. */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  const add = (label: string, l: List) => {
    if (l?.length) parts.push(`${label}:${goQuotedList(l)}`);
  };
  add('APIGroups', r.apiGroups);
  add('Resources', r.resources);
  add('NonResourceURLs', r.nonResourceURLs);
  add('ResourceNames', r.resourceNames);
  add('Verbs', r.verbs);
  return `{${parts.join(', ')}}`;
}
