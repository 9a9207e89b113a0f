// Exact comparisons and conversions. Magnitudes are compared by digit count first, so a quantity like
// "1e2000000000" never expands into a two-billion-digit integer.
import { abs, digits, INT64_MAX, type Quantity } from './types';

const sign = (n: bigint) => (n > 0n ? 1 : n < 0n ? -1 : 0);

function compareMagnitude(a: Quantity, b: Quantity): number {
  const ma = abs(a.unscaled);
  const mb = abs(b.unscaled);
  const oa = digits(ma) + a.scale;
  const ob = digits(mb) + b.scale;
  if (oa !== ob) return oa < ob ? -1 : 1;
  // Same order of magnitude: the scales differ by at most the digit counts, so aligning is cheap.
  const lo = Math.min(a.scale, b.scale);
  const xa = ma * 10n ** BigInt(a.scale - lo);
  const xb = mb * 10n ** BigInt(b.scale - lo);
  return xa === xb ? 0 : xa < xb ? -1 : 1;
}

/** -1, 0 or 1; notation does not matter ("1Ki" equals "1024"). */
export function compareQuantity(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const sa = sign(a.unscaled);
  const sb = sign(b.unscaled);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const m = compareMagnitude(a, b);
  return (sa > 0 ? m : -m) as -1 | 0 | 1;
}

/**
 * ceil(q × 10^-scale) rounded away from zero, as upstream's ScaledValue. Where upstream's int64 would
 * overflow, this saturates at the int64 bounds instead of wrapping.
 */
export function quantityScaledValue(q: Quantity, scale: number): bigint {
  const m = abs(q.unscaled);
  if (m === 0n) return 0n;
  const e = q.scale - scale;
  let out: bigint;
  if (e >= 0) out = digits(m) + e > 19 ? INT64_MAX + 1n : m * 10n ** BigInt(e);
  else if (digits(m) <= -e) out = 1n;
  else {
    const div = 10n ** BigInt(-e);
    out = m / div + (m % div === 0n ? 0n : 1n);
  }
  if (out > INT64_MAX) out = q.unscaled < 0n ? INT64_MAX + 1n : INT64_MAX;
  return q.unscaled < 0n ? -out : out;
}

/** Milli-units (CPU millicores): "250m" → 250n, "1" → 1000n, "1n" → 1n (rounded up). */
export const quantityToMilli = (q: Quantity) => quantityScaledValue(q, -3);

/** Whole units (bytes for memory): "1Ki" → 1024n, "1500m" → 2n (rounded up). */
export const quantityValue = (q: Quantity) => quantityScaledValue(q, 0);

/** Nearest float; may lose precision or be ±Infinity for absurd exponents. */
export function quantityToNumber(q: Quantity): number {
  return Number(`${q.unscaled}e${q.scale}`);
}
