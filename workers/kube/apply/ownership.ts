// Moving ownership after a write: fields the write changed or added leave every other manager
// (or, for an apply without force, are reported as conflicts), fields it removed leave everyone.
import type { Comparison } from './compare';
import type { ManagerConflict } from './conflict';
import { identity, type Managed } from './managers';

export function transferOwnership(
  managers: Managed[],
  cmp: Comparison,
  writer: string | undefined,
  force: boolean,
): { managers: Managed[]; conflicts: ManagerConflict[] } {
  const taken = cmp.modified.union(cmp.added);
  const conflicts: ManagerConflict[] = [];
  for (const m of managers) {
    if (identity(m) === writer) continue;
    const fields = m.set.intersection(taken);
    if (!fields.isEmpty()) conflicts.push({ owner: m, fields });
  }
  if (conflicts.length && !force) return { managers, conflicts };
  const out = managers.map((m) => {
    if (identity(m) === writer) return m;
    const lost = conflicts.find((c) => c.owner === m)?.fields;
    let set = lost ? m.set.difference(lost) : m.set;
    if (!cmp.removed.isEmpty()) set = set.difference(cmp.removed);
    return set === m.set ? m : { ...m, set };
  });
  return { managers: out.filter((m) => !m.set.isEmpty()), conflicts };
}
