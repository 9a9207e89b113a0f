// Test helper: run a manifest through a resource definition the way the API server does on create.
import type { KObject, ResourceDef } from '../../registry/types';
import { FieldErrors } from '../../validation/field-errors';

export function create<T extends KObject>(def: ResourceDef<T>, manifest: unknown): { obj: T; errs: FieldErrors } {
  const obj = def.schema.parse(structuredClone(manifest)) as T;
  def.prepareForCreate?.(obj);
  def.defaults?.(obj);
  const errs = new FieldErrors();
  def.validate?.(obj, errs);
  return { obj, errs };
}

export function update<T extends KObject>(def: ResourceDef<T>, old: T, next: T): FieldErrors {
  const obj = def.schema.parse(structuredClone(next)) as T;
  def.defaults?.(obj);
  const errs = new FieldErrors();
  def.validate?.(obj, errs);
  def.validateUpdate?.(obj, old, errs);
  return errs;
}

/** field → reason, for compact assertions. */
export const reasons = (errs: FieldErrors) => Object.fromEntries(errs.causes.map((c) => [c.field, c.reason]));
