// Quota amounts as integers for SQL arithmetic: CPU resources in millicores, everything else in whole
// units (bytes, objects), rounded up as upstream's MilliValue/Value.
import { formatQuantity, parseQuantity, quantityScaledValue, type Quantity, type QuantityFormat } from '../../quantity';
import { makeQuantity } from '../../quantity/types';

const scaleOf = (resource: string) => (resource === 'cpu' || resource.endsWith('.cpu') ? -3 : 0);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function toAmount(resource: string, q: Quantity | string | number): number {
  const qty = typeof q === 'object' ? q : parseQuantity(typeof q === 'string' ? q.trim() : q);
  const v = quantityScaledValue(qty, scaleOf(resource));
  return Number(v > MAX_SAFE ? MAX_SAFE : v < -MAX_SAFE ? -MAX_SAFE : v);
}

export function formatAmount(resource: string, amount: number, format: QuantityFormat = 'DecimalSI'): string {
  return formatQuantity(makeQuantity(BigInt(amount), scaleOf(resource), format));
}

/** The notation a quota's hard value was written in, used to print usage alike ("1Gi", not "1073741824"). */
export function formatOf(text: string | number | undefined): QuantityFormat {
  if (text === undefined) return 'DecimalSI';
  return parseQuantity(typeof text === 'string' ? text.trim() : text).format;
}
