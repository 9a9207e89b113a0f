// Test helpers: run a resource's defaults + validation the way the server does.
import type { ResourceDef } from '../../../registry/types';
import { FieldErrors } from '../../../validation/field-errors';

/**
 * Parses strictly, then as the server's create path does: uid (when given), prepareForCreate,
 * defaults, validate. Returns the object and the error lines ("field: message").
 */
export function admit(def: ResourceDef<any>, input: unknown, uid?: string) {
  const parsed = def.schema.safeParse(structuredClone(input));
  if (!parsed.success) throw new Error(`schema rejected: ${parsed.error.message}`);
  const obj = parsed.data as any;
  if (uid) {
    obj.metadata.uid = uid;
    def.prepareForCreate?.(obj);
  }
  def.defaults?.(obj);
  const errs = new FieldErrors();
  def.validate?.(obj, errs);
  return { obj, errors: lines(errs) };
}

/** Error lines of an update from `old` to `next` (both admitted first). */
export function admitUpdate(def: ResourceDef<any>, old: unknown, next: unknown) {
  const a = admit(def, old).obj;
  const { obj, errors } = admit(def, next);
  const errs = new FieldErrors();
  def.validateUpdate?.(obj, a, errs);
  return [...errors, ...lines(errs)];
}

export function lines(errs: FieldErrors): string[] {
  return errs.causes.map((c) => (c.field ? `${c.field}: ${c.message}` : String(c.message)));
}

/** Unknown-field paths the strict schema reports, e.g. ["spec.replica"]. */
export function unknownFields(def: ResourceDef<any>, input: unknown): string[] {
  const r = def.schema.safeParse(input);
  if (r.success) return [];
  return r.error.issues
    .filter((i) => i.code === 'unrecognized_keys')
    .flatMap((i) => (i as { keys: string[] }).keys.map((k) => [...i.path, k].join('.')));
}
