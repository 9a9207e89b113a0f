// Parsing quantities exactly as upstream's resource.ParseQuantity, including its rounding and caps.
import { badRequest } from '../status';
import { QuantityError, scan, type Scanned } from './scan';
import { interpretSuffix, type Suffix } from './suffix';
import { digits, ERR_FORMAT, ERR_NUMERIC, ERR_SUFFIX, INT64_MAX, makeQuantity, type Quantity } from './types';

/** Small, exact values that upstream stores as int64; it remembers canonical-looking input text. */
function fastPath(str: string, sc: Scanned, sx: Suffix): Quantity | undefined {
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (sx.format !== 'BinarySI') {
    scale = sx.exponent;
    precision = 18 - (sc.num.length + sc.denom.length);
  } else if (sx.exponent >= 0 && sc.denom === '') {
    mantissa = 1n << BigInt(sx.exponent);
    precision = 14 - sc.num.length - Math.trunc((sx.exponent * 3) / 10);
  } else return undefined;
  if (precision < 0) return undefined;
  scale -= sc.denom.length;
  if (scale < -9) return undefined;
  const shifted = sc.num + sc.denom;
  const value = BigInt(shifted);
  const result = value * mantissa;
  if (result > INT64_MAX) return undefined;
  const signed = sc.negative ? -result : result;
  const canonicalLooking =
    sx.format === 'BinarySI'
      ? sx.exponent % 10 === 0 && (value & 7n) !== 0n
      : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  return makeQuantity(signed, scale, sx.format, canonicalLooking ? str : undefined);
}

/** Everything else: exact decimal arithmetic, rounded up to whole nano units, binary capped at int64. */
function exactPath(sc: Scanned, sx: Suffix): Quantity {
  const m = /^[+-]?([0-9]*)(?:\.([0-9]*))?$/.exec(sc.value);
  if (!m || (m[1] + (m[2] ?? '')).length === 0) throw new QuantityError(ERR_NUMERIC);
  const frac = m[2] ?? '';
  let magnitude = BigInt(m[1] + frac);
  let scale = -frac.length;
  if (sx.base === 10) scale += sx.exponent;
  else magnitude <<= BigInt(sx.exponent);
  let format = sx.format;
  if (magnitude !== 0n && scale < -9) {
    // Round away from zero so that a tiny request still asks for something.
    const drop = -9 - scale;
    if (digits(magnitude) <= drop) magnitude = 1n;
    else {
      const div = 10n ** BigInt(drop);
      magnitude = magnitude / div + (magnitude % div === 0n ? 0n : 1n);
    }
    scale = -9;
  }
  if (format === 'BinarySI') {
    // scale is within [-9, 0] here, so the comparison stays small.
    const limit = scale < 0 ? INT64_MAX * 10n ** BigInt(-scale) : INT64_MAX;
    if (scale <= 0 && magnitude > limit) {
      magnitude = INT64_MAX;
      scale = 0;
    }
    const one = scale < 0 ? 10n ** BigInt(-scale) : 1n;
    if (magnitude !== 0n && magnitude < one) format = 'DecimalSI';
  }
  return makeQuantity(sc.negative ? -magnitude : magnitude, scale, format);
}

function parse(str: string): Quantity {
  if (str === '') throw new QuantityError(ERR_FORMAT);
  if (str === '0') return makeQuantity(0n, 0, 'DecimalSI', '0');
  const sc = scan(str);
  const sx = interpretSuffix(sc.suffix);
  if (!sx) throw new QuantityError(ERR_SUFFIX);
  return fastPath(str, sc, sx) ?? exactPath(sc, sx);
}

/** JSON numbers are parsed from their shortest text, as Go parses the number's literal. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(ERR_FORMAT);
  return Object.is(n, -0) ? '0' : String(n);
}

/** Parses a quantity; throws 400 BadRequest with upstream's message. */
export function parseQuantity(input: string | number): Quantity {
  try {
    return parse(typeof input === 'number' ? numberText(input) : input);
  } catch (e) {
    if (e instanceof QuantityError) throw badRequest(e.message);
    throw e;
  }
}

export function isValidQuantity(input: string | number): boolean {
  try {
    parse(typeof input === 'number' ? numberText(input) : input);
    return true;
  } catch (e) {
    if (e instanceof QuantityError) return false;
    throw e;
  }
}

/**
 * A quantity field as decoded from a request body: strings are trimmed (upstream's decoder does so),
 * numbers accepted, null means unset. Other types are rejected like malformed text.
 */
export function quantityFromJson(value: unknown): Quantity | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return parseQuantity(value.trim());
  if (typeof value === 'number') return parseQuantity(value);
  throw badRequest(ERR_FORMAT);
}
