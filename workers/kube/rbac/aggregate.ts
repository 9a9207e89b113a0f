// Aggregated ClusterRoles: a role with an aggregationRule is given the rules of every other ClusterRole
// whose labels match one of its selectors. Upstream a controller writes the result into the object; we
// compute it whenever a snapshot is built, so the stored rules of an aggregated role are ignored.
import { matchesLabels, selectorFromLabelSelector, NOTHING, type LabelSelector } from '../selectors/labels';
import type { ClusterRoleObject, PolicyRule } from './types';

/** Semantic identity of a rule: nil and empty lists are the same, order within a list matters (as upstream). */
export function ruleKey(r: PolicyRule): string {
  return JSON.stringify([r.verbs ?? [], r.apiGroups ?? [], r.resources ?? [], r.resourceNames ?? [], r.nonResourceURLs ?? []]);
}

export const hasAggregationRule = (r: ClusterRoleObject | undefined) => !!r?.aggregationRule?.clusterRoleSelectors?.length;

function compile(r: ClusterRoleObject): LabelSelector[] {
  return (r.aggregationRule?.clusterRoleSelectors ?? []).map((s) => {
    try {
      return selectorFromLabelSelector(s);
    } catch {
      // Validation rejects bad selectors on write; one that slipped into storage selects nothing.
      return NOTHING;
    }
  });
}

/**
 * The effective rules of every ClusterRole, by name. Aggregation may be nested (view feeds edit feeds
 * admin), so aggregated roles start empty and are recomputed until nothing changes: the least fixed point,
 * which is also where upstream's controller settles, even for cycles.
 */
export function aggregateClusterRoles(roles: readonly ClusterRoleObject[]): Map<string, readonly PolicyRule[]> {
  const sorted = [...roles].filter((r) => r.metadata.name).sort((a, b) => cmp(a.metadata.name!, b.metadata.name!));
  const eff = new Map<string, readonly PolicyRule[]>();
  const aggregated: { name: string; selectors: LabelSelector[] }[] = [];
  for (const r of sorted) {
    const name = r.metadata.name!;
    if (hasAggregationRule(r)) {
      aggregated.push({ name, selectors: compile(r) });
      eff.set(name, []);
    } else eff.set(name, r.rules ?? []);
  }
  // Each pass can only add rules, and there are finitely many, so this ends; the cap is a safety net.
  for (let pass = 0, changed = true; changed && pass < 100; pass++) {
    changed = false;
    for (const a of aggregated) {
      const next = gather(a.name, a.selectors, sorted, eff);
      const prev = eff.get(a.name)!;
      if (next.length !== prev.length || next.some((r, i) => ruleKey(r) !== ruleKey(prev[i]))) {
        eff.set(a.name, next);
        changed = true;
      }
    }
  }
  return eff;
}

function gather(self: string, selectors: LabelSelector[], sorted: readonly ClusterRoleObject[], eff: Map<string, readonly PolicyRule[]>) {
  const out: PolicyRule[] = [];
  const seen = new Set<string>();
  for (const sel of selectors) {
    for (const r of sorted) {
      const name = r.metadata.name!;
      if (name === self || !matchesLabels(sel, r.metadata.labels)) continue;
      for (const rule of eff.get(name) ?? []) {
        const k = ruleKey(rule);
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(rule);
      }
    }
  }
  return out;
}

// Go's sort of names is byte-wise; localeCompare would not be.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
