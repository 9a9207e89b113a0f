import { sql } from 'drizzle-orm';
import { type AllocationChange, allocationDeletes, allocationInserts, isAllocationConflict } from './allocations';
import { batch, rowsOf } from './batch';
import type { Db } from './db';
import { lastRevision, nextRevision } from './sql';
import { type IndexColumns, type ObjectKey, storedBody } from './types';

export type UpdateOutcome = { ok: true; rv: number } | { ok: false; reason: 'conflict' | 'allocated' };

/**
 * Compare-and-swap: writes only if the object's rv is still `expectedRv`. The change row is inserted
 * from a SELECT guarded by the same condition, so both rows commit or neither does.
 */
export async function updateObject(
  db: Db,
  key: ObjectKey,
  expectedRv: number,
  obj: { metadata: Record<string, unknown> },
  cols: IndexColumns,
  alloc: AllocationChange = { add: [], remove: [] },
): Promise<UpdateOutcome> {
  const body = await db.secrets.seal(key.resource, key.namespace, key.name, storedBody(obj));
  const labels = JSON.stringify(cols.labels);
  const fields = JSON.stringify(cols.fields);
  const match = sql`resource = ${key.resource} AND namespace = ${key.namespace} AND name = ${key.name} AND rv = ${expectedRv}`;
  const guard = sql`EXISTS (SELECT 1 FROM objects WHERE ${match})`;
  let inserted: D1Result;
  try {
    [inserted] = await batch(db, [
      sql`INSERT INTO changes (revision, resource, namespace, name, type, object, labels, fields, prev_labels, prev_fields, node_name, created_at)
        SELECT ${nextRevision}, resource, namespace, name, 'MODIFIED', ${body}, ${labels}, ${fields}, labels, fields, ${cols.nodeName}, ${Date.now()}
        FROM objects WHERE ${match} RETURNING revision AS r`,
      ...allocationDeletes(key, alloc.remove, guard),
      ...allocationInserts(key, alloc.add, guard),
      sql`UPDATE objects SET rv = ${lastRevision}, body = ${body}, labels = ${labels}, fields = ${fields}, node_name = ${cols.nodeName} WHERE ${match}`,
    ]);
  } catch (err) {
    if (isAllocationConflict(err)) return { ok: false, reason: 'allocated' };
    throw err;
  }
  if (rowsOf(inserted).length !== 1) return { ok: false, reason: 'conflict' };
  return { ok: true, rv: rowsOf<{ r: number }>(inserted)[0].r };
}
