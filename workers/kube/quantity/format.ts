// The canonical text upstream writes back for a quantity ("1000m" → "1", "1024Mi" → "1Gi").
import { binarySuffix, decimalSuffix } from './suffix';
import { abs, INT64_MAX, type Quantity } from './types';

function decimal(q: Quantity, exponentForm: boolean): string {
  // Lower the exponent to a multiple of three by growing the mantissa: 1.5 → 1500m.
  const r = ((q.scale % 3) + 3) % 3;
  const mantissa = q.unscaled * 10n ** BigInt(r);
  const exponent = q.scale - r;
  if (exponentForm) return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = decimalSuffix(exponent);
  // Past "E" upstream finds no suffix and silently prints a wrong number; an exponent keeps the value.
  return suffix === undefined ? `${mantissa}e${exponent}` : `${mantissa}${suffix}`;
}

function binary(q: Quantity): string | undefined {
  // Small or fractional binary values read better (and exactly) in decimal.
  if (q.scale < 0 || q.scale > 19) return undefined;
  let v = q.unscaled * 10n ** BigInt(q.scale);
  if (abs(v) < 1024n || abs(v) > INT64_MAX) return undefined;
  let power = 0;
  while (abs(v) >= 1024n && v % 1024n === 0n) {
    v /= 1024n;
    power++;
  }
  const suffix = binarySuffix(power);
  return suffix === undefined ? undefined : `${v}${suffix}`;
}

export function formatQuantity(q: Quantity): string {
  if (q.text !== undefined) return q.text;
  if (q.unscaled === 0n) return '0';
  if (q.format === 'BinarySI') {
    const b = binary(q);
    if (b !== undefined) return b;
  }
  return decimal(q, q.format === 'DecimalExponent');
}
