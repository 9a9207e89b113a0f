// Validation helpers for workload kinds, worded like upstream's messages.
import { FieldErrors } from '../../../validation/field-errors';

export const NONNEGATIVE_MSG = 'must be greater than or equal to 0';
const PERCENT_MSG =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
const percentRe = /^[0-9]+%$/;

export function nonNegative(errs: FieldErrors, field: string, v: number | undefined) {
  if (v !== undefined && v < 0) errs.invalid(field, v, NONNEGATIVE_MSG);
}

/** Adds NotSupported when `value` is set and not one of `allowed`. */
export function oneOf(errs: FieldErrors, field: string, value: string | undefined, allowed: readonly string[]) {
  if (value !== undefined && !allowed.includes(value)) errs.notSupported(field, value, allowed);
}

/** The percentage of "25%", or undefined when not a valid percent string. */
function percentOf(v: number | string | undefined): number | undefined {
  if (typeof v !== 'string' || !percentRe.test(v)) return undefined;
  return Number(v.slice(0, -1));
}

/** An int or "N%" that is not negative. */
export function positiveIntOrPercent(errs: FieldErrors, field: string, v: number | string | undefined) {
  if (v === undefined) return;
  if (typeof v === 'string') {
    if (!percentRe.test(v)) errs.invalid(field, v, PERCENT_MSG);
  } else nonNegative(errs, field, v);
}

export function notMoreThan100Percent(errs: FieldErrors, field: string, v: number | string | undefined) {
  const p = percentOf(v);
  if (p !== undefined && p > 100) errs.invalid(field, v, 'must not be greater than 100%');
}

/** The number in an int-or-percent (25 for "25%" and for 25); 0 when absent or malformed, as upstream. */
export function intOrPercentValue(v: number | string | undefined): number {
  if (typeof v === 'number') return v;
  return percentOf(v) ?? 0;
}

/** Deep equality that, like upstream's semantic equality, treats empty lists and maps as absent. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(normalize) : undefined;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const n = normalize((v as Record<string, unknown>)[k]);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}
