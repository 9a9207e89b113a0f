import { type SQL, sql } from 'drizzle-orm';
import { type AllocationChange, allocationDeletes, allocationInserts, isAllocationConflict } from './allocations';
import { batch, rowsOf } from './batch';
import type { Db } from './db';
import { noteCommitted } from './committed';
import { lastChange, nextRevision } from './sql';
import { type IndexColumns, type ObjectKey, type StoredRow, storedBody } from './types';
import { openRow, ROW_COLUMNS } from './get';
import { rememberCommittedJson } from './committed-json';

export type UpdateOutcome =
  | { ok: true; rv: number }
  /** `current`: the row that beat the caller's (null: the object is gone), read by the failed batch itself. */
  | { ok: false; reason: 'conflict'; current?: StoredRow | null }
  | { ok: false; reason: 'allocated' };

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
  const row = await writtenRow(db, key, obj, cols);
  let results: D1Result[];
  try {
    // The last statement reads the object only when the CAS changed nothing (changes() counts the rows
    // of the UPDATE before it): a caller that started from a stale copy retries from the current row
    // without another round trip.
    const current = sql`SELECT ${ROW_COLUMNS} FROM objects WHERE resource = ${key.resource} AND namespace = ${key.namespace} AND name = ${key.name} AND changes() = 0`;
    results = await batch(db, [...casStatements(key, expectedRv, row, cols.nodeName, alloc), current]);
  } catch (err) {
    if (isAllocationConflict(err)) return { ok: false, reason: 'allocated' };
    throw err;
  }
  const out = outcomeOf(results[0]);
  if (out.ok) {
    noteCommitted(db, key, out.rv, 'MODIFIED', row, prevOf(results[0]));
    rememberCommittedJson(obj, row.plain, out.rv);
    return out;
  }
  db.written.forget(key);
  const current = rowsOf<StoredRow & { body: string }>(results[results.length - 1])[0];
  return { ok: false, reason: 'conflict', current: current ? await openRow(db, key, current) : null };
}

export interface CasWrite {
  key: ObjectKey;
  expectedRv: number;
  obj: { metadata: Record<string, unknown> };
  cols: IndexColumns;
}

/**
 * Many compare-and-swap updates (no address allocations) in one D1 batch: one transaction, one round
 * trip. Each write is guarded by its own rv only, so a lost race fails that write alone ('conflict')
 * and the others commit, each with its own revision, in order.
 */
export async function updateObjects(db: Db, writes: CasWrite[]): Promise<UpdateOutcome[]> {
  if (writes.length === 0) return [];
  const statements: SQL[] = [];
  const rows: WrittenRow[] = [];
  for (const w of writes) {
    const row = await writtenRow(db, w.key, w.obj, w.cols);
    rows.push(row);
    statements.push(...casStatements(w.key, w.expectedRv, row, w.cols.nodeName));
  }
  const results = await batch(db, statements);
  // Two statements per write: the change row (RETURNING its revision), then the object row.
  return writes.map((w, i) => {
    const out = outcomeOf(results[i * 2]);
    if (!out.ok) {
      db.written.forget(w.key);
      return out;
    }
    noteCommitted(db, w.key, out.rv, 'MODIFIED', rows[i], prevOf(results[i * 2]));
    return out;
  });
}

/** The labels and fields the change row recorded as the object's before the write. */
function prevOf(inserted: D1Result): { labels: string | null; fields: string | null } {
  const row = rowsOf<{ pl: string | null; pf: string | null }>(inserted)[0];
  return { labels: row?.pl ?? null, fields: row?.pf ?? null };
}

function outcomeOf(inserted: D1Result): UpdateOutcome {
  const rows = rowsOf<{ r: number }>(inserted);
  if (rows.length !== 1) return { ok: false, reason: 'conflict' };
  return { ok: true, rv: rows[0].r };
}

/** What a write stores: the (sealed) body and the selector columns as JSON, serialized once. */
interface WrittenRow {
  body: string;
  /** The body before sealing (the same string unless the resource is encrypted). */
  plain: string;
  labels: string;
  fields: string;
}

async function writtenRow(db: Db, key: ObjectKey, obj: { metadata: Record<string, unknown> }, cols: IndexColumns): Promise<WrittenRow> {
  const plain = storedBody(obj);
  const body = await db.secrets.seal(key.resource, key.namespace, key.name, plain);
  return { body, plain, labels: JSON.stringify(cols.labels), fields: JSON.stringify(cols.fields) };
}

function casStatements(key: ObjectKey, expectedRv: number, row: WrittenRow, nodeName: string | null, alloc: AllocationChange = { add: [], remove: [] }): SQL[] {
  const { body, labels, fields } = row;
  const match = sql`resource = ${key.resource} AND namespace = ${key.namespace} AND name = ${key.name} AND rv = ${expectedRv}`;
  const guard = sql`EXISTS (SELECT 1 FROM objects WHERE ${match})`;
  return [
    sql`INSERT INTO changes (revision, resource, namespace, name, type, object, labels, fields, prev_labels, prev_fields, node_name, created_at)
      SELECT ${nextRevision}, resource, namespace, name, 'MODIFIED', ${body}, ${labels}, ${fields}, labels, fields, ${nodeName}, ${Date.now()}
      FROM objects WHERE ${match} RETURNING revision AS r, prev_labels AS pl, prev_fields AS pf`,
    ...allocationDeletes(key, alloc.remove, guard),
    ...allocationInserts(key, alloc.add, guard),
    sql`UPDATE objects SET (rv, body, labels, fields, node_name) = (SELECT revision, object, labels, fields, node_name FROM ${lastChange}) WHERE ${match}`,
  ];
}
