// Evaluating field selectors, printing them, and checking their keys against what a resource supports.
import { badRequest } from '../../status';
import { escapeFieldValue } from './escape';
import type { FieldRequirement, FieldSelector } from './types';

/** A field the object does not have reads as "", as upstream's fields.Set does. */
function get(fields: Record<string, string>, key: string): string {
  return Object.hasOwn(fields, key) ? fields[key] : '';
}

export function matchesFields(sel: FieldSelector, fields: Record<string, string>): boolean {
  return sel.requirements.every((r) => (r.operator === '=' ? get(fields, r.field) === r.value : get(fields, r.field) !== r.value));
}

export function requirementsOf(sel: FieldSelector): readonly FieldRequirement[] {
  return sel.requirements;
}

export function isEverything(sel: FieldSelector): boolean {
  return sel.requirements.length === 0;
}

/** Canonical string form: `==` prints as `=`, values re-escaped. */
export function formatFieldSelector(sel: FieldSelector): string {
  return sel.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
}

/** The value the selector pins `field` to, if any (lets a list narrow its store query). */
export function requiresExactMatch(sel: FieldSelector, field: string): string | undefined {
  return sel.requirements.find((r) => r.field === field && r.operator === '=')?.value;
}

/**
 * Rejects keys the resource does not index, as upstream's field label conversion does.
 * `resource` is not part of upstream's message; it is accepted so callers need not special-case it later.
 */
export function validateFieldSelectorKeys(sel: FieldSelector, allowed: readonly string[], resource: string): void {
  void resource;
  for (const r of sel.requirements) {
    if (!allowed.includes(r.field)) throw badRequest(`field label not supported: ${r.field}`);
  }
}
