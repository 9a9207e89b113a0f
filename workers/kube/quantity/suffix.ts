// Quantity suffixes: decimal SI (k, M, ...), binary SI (Ki, Mi, ...) and decimal exponents (e3, E-2).
import type { QuantityFormat } from './types';

export interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function interpretSuffix(s: string): Suffix | undefined {
  if (Object.hasOwn(DECIMAL, s)) return { base: 10, exponent: DECIMAL[s], format: 'DecimalSI' };
  if (Object.hasOwn(BINARY, s)) return { base: 2, exponent: BINARY[s], format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E')) {
    const rest = s.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return undefined;
    const n = BigInt(rest);
    if (n < INT64_MIN || n > INT64_MAX) return undefined;
    // Upstream parses 64 bits and keeps the low 32, so absurd exponents wrap instead of failing.
    return { base: 10, exponent: Number(BigInt.asIntN(32, n)), format: 'DecimalExponent' };
  }
  return undefined;
}

const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL).map(([k, v]) => [v, k]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** Decimal suffix for an exponent that is a multiple of 3, or undefined beyond n..E. */
export const decimalSuffix = (exponent: number) => DECIMAL_BY_EXPONENT.get(exponent);
/** Binary suffix for 1024^power, or undefined beyond Ei. */
export const binarySuffix = (power: number): string | undefined => BINARY_BY_POWER[power];
