import { type SQL, sql } from 'drizzle-orm';
import { type AllocationChange, allocationDeletes, allocationInserts, isAllocationConflict } from './allocations';
import { batch, rowsOf } from './batch';
import type { Db } from './db';
import { noteCommitted } from './committed';
import { lastChange, nextRevision } from './sql';
import { type IndexColumns, type ObjectKey, type StoredRow, storedBody } from './types';
import { openRow, ROW_COLUMNS } from './get';
import { rememberCommittedJson } from './committed-json';
import { batchBase, chunkRuns, isChunkable, keyId, rowBytes, runStatements } from './json-batch';

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
 * and the others commit, each with its own revision, in order; a key given twice fails the second time.
 * Rows go in chunks of one statement each (json-batch.ts); Secrets and very large objects row by row.
 */
export async function updateObjects(db: Db, writes: CasWrite[]): Promise<UpdateOutcome[]> {
  if (writes.length === 0) return [];
  const outcomes: UpdateOutcome[] = writes.map(() => ({ ok: false, reason: 'conflict' }));
  const pending: { i: number; w: CasWrite; row: WrittenRow; chunkable: boolean }[] = [];
  const seen = new Set<string>();
  for (const [i, w] of writes.entries()) {
    const id = keyId(w.key);
    if (seen.has(id)) continue; // its rv was the first write's: 'conflict'
    seen.add(id);
    const row = await writtenRow(db, w.key, w.obj, w.cols);
    pending.push({ i, w, row, chunkable: isChunkable(row, db.secrets.applies(w.key.resource)) });
  }
  const now = Date.now();
  const runs = chunkRuns(pending, rowBytes, (p) => p.chunkable);
  const { statements, answers } = runStatements<(typeof pending)[number], { r: number; res: string; ns: string; n: string; pl: string | null; pf: string | null }>(
    runs,
    (items) => [
      sql`INSERT INTO changes (revision, resource, namespace, name, type, object, labels, fields, prev_labels, prev_fields, node_name, created_at)
        SELECT ${batchBase} + row_number() OVER (ORDER BY j.key), o.resource, o.namespace, o.name, 'MODIFIED', j.value->>3, j.value->>4, j.value->>5, o.labels, o.fields, j.value->>6, ${now}
        FROM json_each(${JSON.stringify(items.map(({ w, row }) => [w.key.resource, w.key.namespace, w.key.name, row.body, row.labels, row.fields, w.cols.nodeName, w.expectedRv]))}) j
        JOIN objects o ON o.resource = j.value->>0 AND o.namespace = j.value->>1 AND o.name = j.value->>2 AND o.rv = j.value->>7
        RETURNING revision AS r, resource AS res, namespace AS ns, name AS n, prev_labels AS pl, prev_fields AS pf`,
      sql`UPDATE objects SET (rv, body, labels, fields, node_name) = (c.revision, c.object, c.labels, c.fields, c.node_name)
        FROM (SELECT revision, resource, namespace, name, object, labels, fields, node_name FROM changes WHERE revision > ${batchBase}) AS c
        WHERE objects.resource = c.resource AND objects.namespace = c.namespace AND objects.name = c.name`,
    ],
    ({ w, row }) => casStatements(w.key, w.expectedRv, row, w.cols.nodeName),
  );
  const written = answers(await batch(db, statements));
  for (const [r, run] of runs.entries()) {
    for (const { i, w, row } of run.items) {
      const out = written[r].get(keyId(w.key));
      if (!out) {
        db.written.forget(w.key);
        continue;
      }
      noteCommitted(db, w.key, out.r, 'MODIFIED', row, { labels: out.pl ?? null, fields: out.pf ?? null });
      outcomes[i] = { ok: true, rv: out.r };
    }
  }
  return outcomes;
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
      FROM objects WHERE ${match} RETURNING revision AS r, resource AS res, namespace AS ns, name AS n, prev_labels AS pl, prev_fields AS pf`,
    ...allocationDeletes(key, alloc.remove, guard),
    ...allocationInserts(key, alloc.add, guard),
    sql`UPDATE objects SET (rv, body, labels, fields, node_name) = (SELECT revision, object, labels, fields, node_name FROM ${lastChange}) WHERE ${match}`,
  ];
}
