// An exact resource quantity: unscaled × 10^scale, plus the notation it was written in.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** Trailing decimal zeros are moved into `scale`, so equal values from the same parse path compare by fields. */
  readonly unscaled: bigint;
  /** Power of ten; never below -9 for parsed quantities (values round up to whole nano units). */
  readonly scale: number;
  readonly format: QuantityFormat;
  /** Upstream keeps the input text when it is already in a canonical shape and prints it back verbatim. */
  readonly text?: string;
}

export const INT64_MAX = 2n ** 63n - 1n;

/** Upstream's error texts, reused by validation messages. */
export const ERR_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export function makeQuantity(unscaled: bigint, scale: number, format: QuantityFormat, text?: string): Quantity {
  if (unscaled === 0n) return text === undefined ? { unscaled, scale: 0, format } : { unscaled, scale: 0, format, text };
  let u = unscaled;
  let s = scale;
  while (u % 10n === 0n) {
    u /= 10n;
    s++;
  }
  return text === undefined ? { unscaled: u, scale: s, format } : { unscaled: u, scale: s, format, text };
}

export const abs = (n: bigint) => (n < 0n ? -n : n);
export const digits = (n: bigint) => abs(n).toString().length;
