import { sql, type SQL } from 'drizzle-orm';
import { type Allocation, allocationInserts, isAllocationConflict } from './allocations';
import { batch, rowsOf } from './batch';
import type { Db } from './db';
import { noteCommitted } from './committed';
import { lastChange, nextRevision } from './sql';
import { type IndexColumns, type ObjectKey, storedBody } from './types';
import { isUniqueViolation } from './write-result';
import { isQuotaExceeded } from './quota';
import { rememberCommittedJson } from './committed-json';

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
  const plain = storedBody(obj);
  const body = await db.secrets.seal(key.resource, key.namespace, key.name, plain);
  const labels = JSON.stringify(cols.labels);
  const fields = JSON.stringify(cols.fields);
  const uid = String(obj.metadata.uid);
  try {
    const [change] = await batch(db, [
      sql`INSERT INTO changes (revision, resource, namespace, name, type, object, labels, fields, node_name, created_at)
        VALUES (${nextRevision}, ${key.resource}, ${key.namespace}, ${key.name}, 'ADDED', ${body}, ${labels}, ${fields}, ${cols.nodeName}, ${Date.now()}) RETURNING revision AS r`,
      sql`INSERT INTO objects (resource, namespace, name, uid, rv, body, labels, fields, node_name)
        SELECT resource, namespace, name, ${uid}, revision, object, labels, fields, node_name FROM ${lastChange}`,
      ...allocationInserts(key, alloc),
      ...extra,
    ]);
    const rv = rowsOf<{ r: number }>(change)[0].r;
    noteCommitted(db, key, rv, 'ADDED', { body, labels, fields });
    rememberCommittedJson(obj, plain, rv);
    return { ok: true, rv };
  } catch (err) {
    if (isAllocationConflict(err)) return { ok: false, reason: 'allocated' };
    if (isQuotaExceeded(err)) return { ok: false, reason: 'quota' };
    if (isUniqueViolation(err)) return { ok: false, reason: 'exists' };
    throw err;
  }
}

export interface NewWrite {
  key: ObjectKey;
  obj: { metadata: Record<string, unknown> };
  cols: IndexColumns;
}

/**
 * Many creates (no allocations, no quota charges) in one D1 batch. Unlike createObject a taken name
 * fails only its own create ('exists'): each change row is inserted only where no object has the key,
 * and the object row then only where the key is free. `guards` (write guards) abort the whole batch.
 */
export async function createObjects(db: Db, writes: NewWrite[], guards: SQL[] = []): Promise<CreateOutcome[]> {
  if (writes.length === 0) return [];
  const statements: SQL[] = [];
  const written: { body: string; labels: string; fields: string }[] = [];
  for (const { key, obj, cols } of writes) {
    const body = await db.secrets.seal(key.resource, key.namespace, key.name, storedBody(obj));
    const labels = JSON.stringify(cols.labels);
    const fields = JSON.stringify(cols.fields);
    written.push({ body, labels, fields });
    const free = sql`NOT EXISTS (SELECT 1 FROM objects WHERE resource = ${key.resource} AND namespace = ${key.namespace} AND name = ${key.name})`;
    statements.push(
      sql`INSERT INTO changes (revision, resource, namespace, name, type, object, labels, fields, node_name, created_at)
        SELECT ${nextRevision}, ${key.resource}, ${key.namespace}, ${key.name}, 'ADDED', ${body}, ${labels}, ${fields}, ${cols.nodeName}, ${Date.now()} WHERE ${free} RETURNING revision AS r`,
      sql`INSERT INTO objects (resource, namespace, name, uid, rv, body, labels, fields, node_name)
        SELECT resource, namespace, name, ${String(obj.metadata.uid)}, revision, object, labels, fields, node_name FROM ${lastChange} AND ${free}`,
    );
  }
  const results = await batch(db, [...statements, ...guards]);
  return writes.map(({ key }, i) => {
    const rows = rowsOf<{ r: number }>(results[i * 2]);
    if (rows.length !== 1) return { ok: false, reason: 'exists' };
    noteCommitted(db, key, rows[0].r, 'ADDED', written[i]);
    return { ok: true, rv: rows[0].r };
  });
}
