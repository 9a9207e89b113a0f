// Splits a quantity string into sign, integer digits, fraction digits and suffix, with upstream's
// leniency: a bare sign or "." reads as zero, and "1." is allowed.
import { ERR_FORMAT } from './types';

export interface Scanned {
  negative: boolean;
  /** The numeric text including sign and point, for the exact (slow) path. */
  value: string;
  /** Integer digits without leading zeros ("0" when there are none). */
  num: string;
  denom: string;
  suffix: string;
}

export class QuantityError extends Error {}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

export function scan(str: string): Scanned {
  let pos = 0;
  let negative = false;
  if (str[0] === '-' || str[0] === '+') {
    negative = str[0] === '-';
    pos = 1;
  }
  while (str[pos] === '0') pos++;
  if (pos >= str.length) return { negative, value: '0', num: '0', denom: '', suffix: '' };
  const numStart = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || '0';
  if (pos >= str.length) return { negative, value: str, num, denom: '', suffix: '' };
  let denom = '';
  if (str[pos] === '.') {
    const start = ++pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
    if (pos >= str.length) return { negative, value: str, num, denom, suffix: '' };
  }
  const value = str.slice(0, pos);
  // Suffix: letters from the SI/exponent alphabet, then an optional sign and digits (for e/E exponents).
  const suffixStart = pos;
  while (pos < str.length && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) throw new QuantityError(ERR_FORMAT);
  return { negative, value, num, denom, suffix: str.slice(suffixStart) };
}
