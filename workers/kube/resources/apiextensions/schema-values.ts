// Value constraints of a CRD schema (ranges, lengths, patterns, formats, list uniqueness), worded as
// the apiextensions apiserver words them, plus schema defaulting. Runs over already-typed values.
import type { z } from 'zod';
import { show, fieldPath } from '../../validation/field-errors';
import type { JSONSchemaProps } from './json-schema-props';

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

const dateTimeRe = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const dateRe = /^\d{4}-\d{2}-\d{2}$/;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkNumber(v: number, s: JSONSchemaProps, at: string, bad: (d: string) => void) {
  if (s.maximum !== undefined) {
    if (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum) bad(`${at} in body should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${s.maximum}`);
  }
  if (s.minimum !== undefined) {
    if (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum) bad(`${at} in body should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${s.minimum}`);
  }
  if (s.multipleOf && Math.abs(v / s.multipleOf - Math.round(v / s.multipleOf)) > 1e-9) bad(`${at} in body should be a multiple of ${s.multipleOf}`);
}

function checkString(v: string, s: JSONSchemaProps, at: string, bad: (d: string) => void, report: (m: string) => void) {
  const len = [...v].length;
  if (s.maxLength !== undefined && len > s.maxLength) report(`Too long: may not be more than ${s.maxLength} bytes`);
  if (s.minLength !== undefined && len < s.minLength) bad(`${at} in body should be at least ${s.minLength} chars long`);
  if (s.pattern !== undefined) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(s.pattern, 'u');
    } catch {
      re = undefined; // Patterns are checked when the CRD is written; an unparsable one cannot be enforced.
    }
    if (re && !re.test(v)) bad(`${at} in body should match '${s.pattern}'`);
  }
  if ((s.format === 'date-time' && !dateTimeRe.test(v)) || (s.format === 'date' && !dateRe.test(v))) bad(`${at} in body must be of type ${s.format}: ${JSON.stringify(v)}`);
}

function checkArray(v: unknown[], s: JSONSchemaProps, path: Path, at: string, bad: (d: string) => void, report: Report) {
  if (s.maxItems !== undefined && v.length > s.maxItems) report(path, `Too many: ${v.length}: must have at most ${s.maxItems} items`);
  if (s.minItems !== undefined && v.length < s.minItems) bad(`${at} in body should have at least ${s.minItems} items`);
  const listType = s['x-kubernetes-list-type'];
  const keys = s['x-kubernetes-list-map-keys'] ?? [];
  if (listType === 'set' || listType === 'map' || s.uniqueItems) {
    const seen = new Set<string>();
    v.forEach((item, i) => {
      const key = listType === 'map' && isPlainObject(item) ? keys.map((k) => item[k]) : item;
      const k = JSON.stringify(key);
      if (seen.has(k)) report([...path, i], `Duplicate value: ${show(listType === 'map' && isPlainObject(item) ? Object.fromEntries(keys.map((n) => [n, item[n]])) : item)}`);
      seen.add(k);
    });
  }
  const items = s.items;
  if (items && !Array.isArray(items)) v.forEach((item, i) => walk(item, items, [...path, i], report));
}

function walk(v: unknown, s: JSONSchemaProps, path: Path, report: Report) {
  if (v === undefined || v === null) return;
  const at = fieldPath(path);
  const bad = (detail: string) => report(path, `Invalid value: ${show(v)}: ${detail}`);
  if (s.enum?.length && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v)) && typeof v === 'object')
    report(path, `Unsupported value: ${show(v)}: supported values: ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  if (typeof v === 'number') checkNumber(v, s, at, bad);
  else if (typeof v === 'string') checkString(v, s, at, bad, (m) => report(path, m));
  else if (Array.isArray(v)) checkArray(v, s, path, at, bad, report);
  else if (isPlainObject(v)) {
    const n = Object.keys(v).length;
    if (s.maxProperties !== undefined && n > s.maxProperties) report(path, `Too many: ${n}: must have at most ${s.maxProperties} items`);
    if (s.minProperties !== undefined && n < s.minProperties) bad(`${at} in body should have at least ${s.minProperties} properties`);
    for (const [k, child] of Object.entries(v)) {
      const cs = s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
      if (cs) walk(child, cs, [...path, k], report);
    }
  }
}

/** Adds a custom issue for each constraint the object breaks (apiVersion/kind/metadata are not checked). */
export function checkValues(value: unknown, root: JSONSchemaProps, ctx: z.core.$RefinementCtx) {
  if (!isPlainObject(value)) return;
  const report: Report = (path, message) => ctx.addIssue({ code: 'custom', path, message, input: undefined });
  for (const [k, child] of Object.entries(value)) {
    const cs = root.properties?.[k];
    if (cs && k !== 'metadata' && k !== 'apiVersion' && k !== 'kind') walk(child, cs, [k], report);
  }
}

/** Fills missing fields that have a schema default, recursively, as the apiserver does on read and write. */
export function applyDefaults(value: unknown, s: JSONSchemaProps) {
  if (Array.isArray(value)) {
    if (s.items && !Array.isArray(s.items)) for (const item of value) applyDefaults(item, s.items);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [k, ps] of Object.entries(s.properties ?? {})) {
    if (value[k] === undefined && ps.default !== undefined) value[k] = structuredClone(ps.default);
    if (value[k] !== undefined) applyDefaults(value[k], ps);
  }
  const ap = s.additionalProperties;
  if (typeof ap === 'object') for (const [k, child] of Object.entries(value)) if (!s.properties?.[k]) applyDefaults(child, ap);
}
