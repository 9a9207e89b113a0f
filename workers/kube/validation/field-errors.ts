// Field errors worded as upstream's field.ErrorList, so kubectl prints familiar messages.
import type { StatusCause } from '../status';

export class FieldErrors {
  readonly causes: StatusCause[] = [];

  required(field: string, detail = '') {
    this.causes.push({ reason: 'FieldValueRequired', message: detail ? `Required value: ${detail}` : 'Required value', field });
  }
  invalid(field: string, value: unknown, detail: string) {
    this.causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${show(value)}: ${detail}`, field });
  }
  notSupported(field: string, value: unknown, supported: readonly string[]) {
    const list = supported.map((s) => JSON.stringify(s)).join(', ');
    this.causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: ${show(value)}: supported values: ${list}`, field });
  }
  duplicate(field: string, value: unknown) {
    this.causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${show(value)}`, field });
  }
  forbidden(field: string, detail: string) {
    this.causes.push({ reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field });
  }
  tooLong(field: string, max: number) {
    this.causes.push({ reason: 'FieldValueTooLong', message: `Too long: may not be more than ${max} bytes`, field });
  }
  immutable(field: string, value: unknown = undefined) {
    const prefix = value === undefined ? '' : `Invalid value: ${show(value)}: `;
    this.causes.push({ reason: 'FieldValueInvalid', message: `${prefix}field is immutable`, field });
  }
  add(...causes: StatusCause[]) {
    this.causes.push(...causes);
  }
  get empty() {
    return this.causes.length === 0;
  }
}

/** Upstream prints strings quoted and other values as Go would (%#v-like). */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'null';
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** Joins a path the way kubectl prints it: spec.containers[0].image, metadata.labels[app]. */
export function fieldPath(parts: readonly (string | number | symbol)[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}
