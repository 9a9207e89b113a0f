// Small validation helpers shared by core/v1 kinds, worded like upstream messages.
import { FieldErrors, show } from '../../../validation/field-errors';
import { dns1123Label } from '../../../validation/names';
import { parseQuantity, QUANTITY_MSG } from './quantity';

export function notFound(errs: FieldErrors, field: string, value: unknown) {
  errs.add({ reason: 'FieldValueNotFound', message: `Not found: ${show(value)}`, field });
}

export function enumValue(errs: FieldErrors, field: string, value: string | undefined, allowed: readonly string[]) {
  if (value !== undefined && !allowed.includes(value)) errs.notSupported(field, value, allowed);
}

export function portInRange(errs: FieldErrors, field: string, port: number | undefined, allowZero = false) {
  if (port === undefined) return;
  if (allowZero && port === 0) return;
  if (port < 1 || port > 65535) errs.invalid(field, port, 'must be between 1 and 65535, inclusive');
}

export function nonNegative(errs: FieldErrors, field: string, v: number | undefined) {
  if (v !== undefined && v < 0) errs.invalid(field, v, 'must be greater than or equal to 0');
}

const ianaRe = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** An IANA service name (port names): up to 15 chars, lowercase alphanumerics and single hyphens, a letter. */
export function ianaSvcName(v: string): string[] {
  const out: string[] = [];
  if (v.length > 15) out.push('must be no more than 15 characters');
  if (!ianaRe.test(v)) out.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (v.includes('--')) out.push("must not contain consecutive hyphens");
  if (!/[a-z]/.test(v)) out.push('must contain at least one letter (a-z)');
  return out;
}

export function dnsLabelField(errs: FieldErrors, field: string, v: string | undefined) {
  if (v === undefined || v === '') return;
  for (const m of dns1123Label(v)) errs.invalid(field, v, m);
}

/** Checks every value of a resource list is a valid, non-negative quantity. */
export function resourceListValues(errs: FieldErrors, field: string, list: Record<string, string | number> | undefined) {
  for (const [k, v] of Object.entries(list ?? {})) {
    const n = parseQuantity(v);
    if (n === undefined) errs.invalid(`${field}[${k}]`, v, QUANTITY_MSG);
    else if (n < 0) errs.invalid(`${field}[${k}]`, v, 'must be greater than or equal to 0');
  }
}

/** Names of the set fields among `keys`, for "exactly one of" checks. */
export function setKeys(obj: object, keys: readonly string[]): string[] {
  const rec = obj as Record<string, unknown>;
  return keys.filter((k) => rec[k] !== undefined && rec[k] !== null);
}

/** Structural equality of JSON values, for immutability checks. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => jsonEqual(ra[k], rb[k]));
}
