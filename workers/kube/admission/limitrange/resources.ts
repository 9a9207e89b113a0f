// Resource lists as exact quantities: sums and maxima (pod totals from containers), canonical text.
import { compareQuantity, formatQuantity, parseQuantity, type Quantity } from '../../quantity';
import { makeQuantity } from '../../quantity/types';

export type ResourceList = Record<string, string | number>;

export const q = (v: string | number): Quantity => parseQuantity(typeof v === 'string' ? v.trim() : v);
export const text = (v: string | number): string => formatQuantity(q(v));

export function addQuantity(a: Quantity, b: Quantity): Quantity {
  const scale = Math.min(a.scale, b.scale);
  const u = a.unscaled * 10n ** BigInt(a.scale - scale) + b.unscaled * 10n ** BigInt(b.scale - scale);
  return makeQuantity(u, scale, a.format);
}

/** Sums every list's values per resource name, as upstream's quota.Add. */
export function sumLists(lists: (ResourceList | undefined)[]): Record<string, Quantity> {
  const out: Record<string, Quantity> = {};
  for (const l of lists) for (const [k, v] of Object.entries(l ?? {})) out[k] = out[k] ? addQuantity(out[k], q(v)) : q(v);
  return out;
}

/** Raises each resource of `into` to the list's value where larger (init containers run one by one). */
export function maxInto(into: Record<string, Quantity>, list: ResourceList | undefined) {
  for (const [k, v] of Object.entries(list ?? {})) {
    const x = q(v);
    if (!into[k] || compareQuantity(x, into[k]) > 0) into[k] = x;
  }
}

export const toText = (l: Record<string, Quantity>): ResourceList => Object.fromEntries(Object.entries(l).map(([k, v]) => [k, formatQuantity(v)]));
