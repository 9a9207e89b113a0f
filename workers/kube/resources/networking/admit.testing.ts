// Test-only helper shared by the resource tests of these groups: runs a ResourceDef the way the API
// server does on create (parse, default, validate) and on update when `old` is given.
import { FieldErrors } from '../../validation/field-errors';
import type { KObject, ResourceDef } from '../../registry/types';

export function admit(def: ResourceDef<any>, input: unknown, old?: KObject) {
  const parsed = def.schema.safeParse(input);
  if (!parsed.success) return { obj: undefined, causes: [], issues: parsed.error.issues };
  const obj = parsed.data as KObject;
  if (!old) def.prepareForCreate?.(obj);
  def.defaults?.(obj);
  const errs = new FieldErrors();
  def.validate?.(obj, errs);
  if (old) def.validateUpdate?.(obj, old, errs);
  return { obj, causes: errs.causes, issues: [] };
}

/** Causes as kubectl prints them: "field: message". */
export const lines = (r: { causes: { field?: string; message?: string }[] }) => r.causes.map((c) => `${c.field}: ${c.message}`);
