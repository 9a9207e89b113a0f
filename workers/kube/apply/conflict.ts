// The 409 an apply gets when it would change fields other managers own, worded like upstream:
// one conflict on one line, several grouped by manager with one "- path" line each.
import { StatusError } from '../status';
import type { FieldSet } from './fieldset';
import { identity, type Managed } from './managers';
import { pathString } from './path';

export interface ManagerConflict {
  owner: Managed;
  fields: FieldSet;
}

/** How upstream names a manager in messages: `"kubectl" using apps/v1`, `"x" with subresource "status"`. */
export function describeManager(m: Pick<Managed, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource) s += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update') s += ` using ${m.apiVersion}`;
  return s;
}

export function conflictError(conflicts: ManagerConflict[]): StatusError {
  const sorted = [...conflicts].sort((a, b) => (identity(a.owner) < identity(b.owner) ? -1 : identity(a.owner) > identity(b.owner) ? 1 : 0));
  const groups = sorted.map((c) => ({ who: describeManager(c.owner), paths: c.fields.paths().map(pathString) }));
  const causes = groups.flatMap((g) => g.paths.map((field) => ({ reason: 'FieldManagerConflict', message: `conflict with ${g.who}`, field })));
  const message =
    causes.length === 1
      ? `Apply failed with 1 conflict: conflict with ${groups.find((g) => g.paths.length)!.who}: ${causes[0].field}`
      : `Apply failed with ${causes.length} conflicts: ${groups.flatMap((g) => [`conflicts with ${g.who}:`, ...g.paths.map((p) => `- ${p}`)]).join('\n')}`;
  return new StatusError(409, 'Conflict', message, { causes });
}
