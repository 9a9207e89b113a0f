// Keyed data maps of ConfigMaps and Secrets: key syntax, total size, immutability.
import { FieldErrors } from '../../../validation/field-errors';
import { jsonEqual } from './checks';

/** Upper bound on the data held by one ConfigMap or Secret (1 MiB). */
export const MAX_DATA_SIZE = 1024 * 1024;

const base64Re = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard, padded base64 (what Go's encoding/json expects for []byte). */
export const isBase64 = (v: string) => base64Re.test(v);

const keyRe = /^[-._a-zA-Z0-9]+$/;
const KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

export function configKey(k: string): string[] {
  const out: string[] = [];
  if (k.length > 253) out.push('must be no more than 253 characters');
  if (!keyRe.test(k)) out.push(KEY_MSG);
  if (k === '.') out.push("must not be '.'");
  else if (k === '..') out.push("must not be '..'");
  else if (k.startsWith('..')) out.push("must not start with '..'");
  return out;
}

export interface DataMap {
  field: string;
  map: Record<string, string> | undefined;
  /** Stored size of one value in bytes. */
  size: (v: string) => number;
}

export function validateDataKeys(maps: DataMap[], errs: FieldErrors) {
  let total = 0;
  for (const { field, map, size } of maps)
    for (const [k, v] of Object.entries(map ?? {})) {
      for (const m of configKey(k)) errs.invalid(`${field}[${k}]`, k, m);
      total += size(v);
    }
  if (total > MAX_DATA_SIZE) errs.tooLong('', MAX_DATA_SIZE);
}

/** Objects created with `immutable: true` keep their data and the flag forever. */
export function validateImmutableData<T extends { immutable?: boolean }>(obj: T, old: T, fields: (keyof T & string)[], errs: FieldErrors) {
  if (!old.immutable) return;
  if (!obj.immutable) errs.forbidden('immutable', 'field is immutable when `immutable` is set');
  for (const f of fields) if (!jsonEqual(obj[f], old[f])) errs.forbidden(f, 'field is immutable when `immutable` is set');
}
