// matchConstraints / matchResources: which requests a policy or binding applies to (upstream's
// admission/plugin/policy/matching). Equivalent and Exact matchPolicy match alike here: every kind is
// served in one version.
import type { KObject } from '../../registry/types';
import type { MatchResources, NamedRule } from '../../resources/admissionregistration/schema';
import { EVERYTHING, isEverything, matchesLabels, selectorFromLabelSelector, type LabelSelector, type LabelSelectorObject } from '../../selectors/labels';
import type { AdmissionAttributes } from './types';

const has = (list: readonly string[] | undefined, value: string) => !!list && (list.includes('*') || list.includes(value));

/**
 * resources entries split at "/" into resource and subresource ("" when absent); "*" matches any on
 * either side, so "pods/*" covers pods and all its subresources and "*" only main resources (upstream).
 */
function resourceMatches(entries: readonly string[] | undefined, resource: string, sub: string): boolean {
  return (entries ?? []).some((e) => {
    const i = e.indexOf('/');
    const [res, esub] = i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)];
    return (res === '*' || res === resource) && (esub === '*' || esub === sub);
  });
}

export function ruleMatches(rule: NamedRule, a: AdmissionAttributes): boolean {
  if (!has(rule.operations, a.operation)) return false;
  if (!has(rule.apiGroups, a.resource.group) || !has(rule.apiVersions, a.resource.version)) return false;
  if (!resourceMatches(rule.resources, a.resource.resource, a.subResource)) return false;
  const scope = rule.scope ?? '*';
  if (scope === 'Cluster' && a.namespaced) return false;
  if (scope === 'Namespaced' && !a.namespaced) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(a.name);
}

const labelsOf = (o: KObject | null | undefined) => o?.metadata?.labels ?? {};

// Selectors are converted once per stored policy or binding (their objects live in the isolate's snapshot).
const selectors = new WeakMap<object, LabelSelector>();
function selectorOf(sel: LabelSelectorObject | undefined): LabelSelector {
  if (!sel) return EVERYTHING;
  let s = selectors.get(sel);
  if (!s) selectors.set(sel, (s = selectorFromLabelSelector(sel)));
  return s;
}

/** A Namespace matches by its own labels; other cluster-scoped objects always match. */
async function namespaceMatches(m: MatchResources, a: AdmissionAttributes, namespaceObject: () => Promise<KObject | null>): Promise<boolean> {
  const sel = selectorOf(m.namespaceSelector);
  if (isEverything(sel)) return true;
  if (a.resource.group === '' && a.resource.resource === 'namespaces' && a.subResource === '') {
    return matchesLabels(sel, labelsOf(a.object ?? a.oldObject));
  }
  if (!a.namespaced || !a.namespace) return true;
  return matchesLabels(sel, labelsOf(await namespaceObject()));
}

/** The object selector matches when either the new or the old object carries matching labels. */
function objectMatches(m: MatchResources, a: AdmissionAttributes): boolean {
  const sel = selectorOf(m.objectSelector);
  if (isEverything(sel)) return true;
  return [a.object, a.oldObject].some((o) => o && matchesLabels(sel, labelsOf(o)));
}

export async function matches(m: MatchResources, a: AdmissionAttributes, namespaceObject: () => Promise<KObject | null>): Promise<boolean> {
  if (!(m.resourceRules ?? []).some((r) => ruleMatches(r, a))) return false;
  if ((m.excludeResourceRules ?? []).some((r) => ruleMatches(r, a))) return false;
  if (!objectMatches(m, a)) return false;
  return namespaceMatches(m, a, namespaceObject);
}

/** A binding without matchResources applies wherever its policy does; with one, it needs rules too. */
export async function bindingMatches(m: MatchResources | undefined, a: AdmissionAttributes, namespaceObject: () => Promise<KObject | null>): Promise<boolean> {
  if (!m) return true;
  if (!m.resourceRules?.length) {
    // No resourceRules in a binding means "everything the policy matched" (upstream).
    return (!(m.excludeResourceRules ?? []).some((r) => ruleMatches(r, a))) && objectMatches(m, a) && namespaceMatches(m, a, namespaceObject);
  }
  return matches(m, a, namespaceObject);
}
