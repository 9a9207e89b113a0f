// Small formatting helpers shared by the printers, each matching a formatter kubectl users see
// (labels.FormatLabels, metav1.FormatLabelSelector, access-mode abbreviations, "+ N more...").
import { formatQuantity, parseQuantity } from '../quantity';
import { formatLabelSelector, selectorFromLabelSelector, type LabelSelectorObject } from '../selectors/labels';
import type { Condition } from './types';

/** "a=1,b=2" in key order, "<none>" when empty. */
export function formatLabels(labels: Record<string, string> | null | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** A label selector object as text; "<none>" for a missing or empty one, "<error>" when malformed. */
export function labelSelectorText(sel: LabelSelectorObject | null | undefined): string {
  if (sel === null || sel === undefined) return '<none>';
  const text = selectorString(sel, '<error>');
  return text === '' ? '<none>' : text;
}

/** The raw selector string (empty when it selects everything or nothing). Deployments print this form. */
export function selectorString(sel: LabelSelectorObject | null | undefined, onError = '<invalid>'): string {
  try {
    return formatLabelSelector(selectorFromLabelSelector(sel));
  } catch {
    return onError;
  }
}

interface ContainerLike {
  name?: string;
  image?: string;
}

/** Container names and images, each comma-joined, for the wide CONTAINERS/IMAGES columns. */
export function containerCells(containers: ContainerLike[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

const ACCESS_MODES: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** Abbreviated access modes in a fixed order, duplicates dropped: "RWO,ROX". */
export function accessModes(modes: string[] | undefined): string {
  const set = new Set(modes ?? []);
  return ACCESS_MODES.filter(([m]) => set.has(m)).map(([, s]) => s).join(',');
}

/** A quantity in canonical form; text that does not parse is shown as given. */
export function quantityText(v: unknown): string {
  if (v === undefined || v === null) return '0';
  try {
    return formatQuantity(parseQuantity(v as string | number));
  } catch {
    return String(v);
  }
}

/** The status of the first condition of a type is True (upstream stops at the first match). */
export function conditionTrue(conds: Condition[] | undefined, type: string): boolean {
  const c = (conds ?? []).find((x) => x.type === type);
  return c?.status === 'True';
}

/** "True"/"False" for an optional boolean, "<unset>" when absent. */
export function boolText(v: boolean | undefined | null): string {
  if (v === undefined || v === null) return '<unset>';
  return v ? 'True' : 'False';
}

/** Sorted, de-duplicated load-balancer ingress points (IP, else hostname), comma-joined. */
export function loadBalancerText(ingress: { ip?: string; hostname?: string }[] | undefined): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort().join(',');
}
