import { sql, type SQL } from 'drizzle-orm';
import { type Allocation, allocationInserts, isAllocationConflict } from './allocations';
import { batch, rowsOf } from './batch';
import type { Db } from './db';
import { lastRevision, nextRevision } from './sql';
import { type IndexColumns, type ObjectKey, storedBody } from './types';
import { isUniqueViolation } from './write-result';
import { isQuotaExceeded } from './quota';

export type CreateOutcome = { ok: true; rv: number } | { ok: false; reason: 'exists' | 'allocated' | 'quota' };

/** Inserts the change-log row and the object in one batch; a duplicate key aborts both. */
export async function createObject(
  db: Db,
  key: ObjectKey,
  obj: { metadata: Record<string, unknown> },
  cols: IndexColumns,
  alloc: Allocation[] = [],
  /** More statements of the same batch (quota usage increments; the trigger aborts all past `hard`). */
  extra: SQL[] = [],
): Promise<CreateOutcome> {
  // Secrets are stored encrypted, in the object row and the change log alike.
  const body = await db.secrets.seal(key.resource, key.namespace, key.name, storedBody(obj));
  const labels = JSON.stringify(cols.labels);
  const fields = JSON.stringify(cols.fields);
  const uid = String(obj.metadata.uid);
  try {
    const [change] = await batch(db, [
      sql`INSERT INTO changes (revision, resource, namespace, name, type, object, labels, fields, node_name, created_at)
        VALUES (${nextRevision}, ${key.resource}, ${key.namespace}, ${key.name}, 'ADDED', ${body}, ${labels}, ${fields}, ${cols.nodeName}, ${Date.now()}) RETURNING revision AS r`,
      sql`INSERT INTO objects (resource, namespace, name, uid, rv, body, labels, fields, node_name)
        VALUES (${key.resource}, ${key.namespace}, ${key.name}, ${uid}, ${lastRevision}, ${body}, ${labels}, ${fields}, ${cols.nodeName})`,
      ...allocationInserts(key, alloc),
      ...extra,
    ]);
    return { ok: true, rv: rowsOf<{ r: number }>(change)[0].r };
  } catch (err) {
    if (isAllocationConflict(err)) return { ok: false, reason: 'allocated' };
    if (isQuotaExceeded(err)) return { ok: false, reason: 'quota' };
    if (isUniqueViolation(err)) return { ok: false, reason: 'exists' };
    throw err;
  }
}
