// Structural decoding of an object against its zod schema, with upstream's fieldValidation semantics:
// unknown fields are an error (Strict), a warning (Warn) or dropped silently (Ignore); type errors are
// 400 decode errors; missing required fields are 422 Invalid causes.
import type { z } from 'zod';
import type { ResourceDef } from '../../../kube/registry/types';
import { badRequest, type StatusCause } from '../../../kube/status';
import type { FieldValidation } from '../request/options';
import { fieldPath } from '../../../kube/validation/field-errors';


export interface Decoded {
  obj: Record<string, unknown>;
  /** Warning header texts (unknown fields under Warn). */
  warnings: string[];
  /** Required-field causes, merged into the 422 with semantic validation. */
  required: StatusCause[];
}

export function decodeObject(def: ResourceDef, input: Record<string, unknown>, mode: FieldValidation, schema: z.ZodType = def.schema): Decoded {
  const first = schema.safeParse(input);
  if (first.success) return { obj: first.data as Record<string, unknown>, warnings: [], required: [] };
  const unknown: { path: (string | number)[]; key: string }[] = [];
  const typeErrors: string[] = [];
  const required: StatusCause[] = [];
  for (const issue of first.error.issues) collect(issue, input, unknown, typeErrors, required);

  const prefix = `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}`;
  if (typeErrors.length > 0) throw badRequest(`${prefix}: ${typeErrors[0]}`);
  const names = unknown.map((u) => fieldPath([...u.path, u.key]));
  if (names.length > 0 && mode === 'Strict') {
    throw badRequest(`${prefix}: strict decoding error: ${names.map((n) => `unknown field "${n}"`).join(', ')}`);
  }
  const warnings = mode === 'Warn' ? names.map((n) => `unknown field "${n}"`) : [];
  if (names.length === 0) return { obj: input, warnings, required };
  // Drop the unknown fields (as Go's decoder would) and decode again for the remaining issues.
  const cleaned = structuredClone(input);
  for (const u of unknown) {
    const parent = walk(cleaned, u.path);
    if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[u.key];
  }
  const second = schema.safeParse(cleaned);
  if (second.success) return { obj: second.data as Record<string, unknown>, warnings, required };
  const req2: StatusCause[] = [];
  const type2: string[] = [];
  for (const issue of second.error.issues) collect(issue, cleaned, [], type2, req2);
  if (type2.length > 0) throw badRequest(`${prefix}: ${type2[0]}`);
  return { obj: cleaned, warnings, required: req2 };
}

function collect(
  issue: z.core.$ZodIssue,
  input: unknown,
  unknown: { path: (string | number)[]; key: string }[],
  typeErrors: string[],
  required: StatusCause[],
) {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) unknown.push({ path, key });
    return;
  }
  const actual = walk(input, path);
  if (issue.code === 'invalid_type' && actual === undefined) {
    required.push({ reason: 'FieldValueRequired', message: 'Required value', field: fieldPath(path) });
    return;
  }
  if (issue.code === 'custom' && (issue.params as { decodeError?: boolean } | undefined)?.decodeError) {
    typeErrors.push(`${issue.message} at ${fieldPath(path)}`);
    return;
  }
  if (issue.code === 'custom') {
    required.push({ reason: 'FieldValueInvalid', message: issue.message, field: fieldPath(path) });
    return;
  }
  if (issue.code === 'invalid_value') {
    const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
    required.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(actual)}: supported values: ${allowed}`, field: fieldPath(path) });
    return;
  }
  if (issue.code === 'invalid_format' || issue.code === 'too_small' || issue.code === 'too_big') {
    if (typeof actual === 'number' && issue.code !== 'invalid_format') {
      typeErrors.push(`json: cannot unmarshal number ${actual} into Go struct field ${fieldPath(path)} of type ${intType(issue)}`);
    } else {
      required.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(actual)}: ${issue.message}`, field: fieldPath(path) });
    }
    return;
  }
  typeErrors.push(`json: cannot unmarshal ${jsonType(actual)} into Go struct field ${fieldPath(path)} of type ${expectedType(issue)}`);
}

function intType(issue: z.core.$ZodIssue): string {
  const max = (issue as { maximum?: number | bigint }).maximum;
  const min = (issue as { minimum?: number | bigint }).minimum;
  if (max === 2147483647 || min === -2147483648) return 'int32';
  return 'int64';
}

function expectedType(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const e = issue.expected;
    if (e === 'int' || e === 'number') return issue.message.includes('int') ? 'int32' : 'number';
    if (e === 'record') return 'map[string]string';
    if (e === 'array') return '[]';
    return e;
  }
  return 'the expected type';
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'number') return Number.isInteger(v) ? `number ${v}` : `number ${v}`;
  return typeof v;
}

function walk(root: unknown, path: readonly (string | number)[]): unknown {
  let cur = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}
