import { sql, type SQL } from 'drizzle-orm';
import { type Allocation, allocationInserts, isAllocationConflict } from './allocations';
import { batch, rowsOf } from './batch';
import type { Db } from './db';
import { noteCommitted } from './committed';
import { lastChange, nextRevision } from './sql';
import { type IndexColumns, type ObjectKey, storedBody } from './types';
import { isUniqueViolation } from './write-result';
import { isQuotaExceeded } from './quota';
import { batchBase, chunkRuns, isChunkable, keyId, rowBytes, runStatements } from './json-batch';
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
 * and the object row then only where the key is free; a name given twice in one batch fails the second
 * time. Rows go in chunks of one statement each (json-batch.ts); Secrets (sealed bodies) and very large
 * objects go row by row. `guards` (write guards) abort the whole batch.
 */
export async function createObjects(db: Db, writes: NewWrite[], guards: SQL[] = []): Promise<CreateOutcome[]> {
  if (writes.length === 0) return [];
  const outcomes: CreateOutcome[] = writes.map(() => ({ ok: false, reason: 'exists' }));
  const pending: Pending[] = [];
  const seen = new Set<string>();
  for (const [i, { key, obj, cols }] of writes.entries()) {
    const id = keyId(key);
    if (seen.has(id)) continue; // the second create of a name in this batch: 'exists'
    seen.add(id);
    const body = await db.secrets.seal(key.resource, key.namespace, key.name, storedBody(obj));
    const uid = String(obj.metadata.uid);
    // The object row takes its uid from the stored body: only a string one is there as such.
    const chunkable = isChunkable({ body }, db.secrets.applies(key.resource)) && typeof obj.metadata.uid === 'string';
    pending.push({ i, key, uid, nodeName: cols.nodeName, chunkable, row: { body, labels: JSON.stringify(cols.labels), fields: JSON.stringify(cols.fields) } });
  }
  const now = Date.now();
  const runs = chunkRuns(pending, rowBytes, (p) => p.chunkable);
  const { statements, answers } = runStatements<Pending, { r: number; res: string; ns: string; n: string }>(
    runs,
    (items) => [
      sql`INSERT INTO changes (revision, resource, namespace, name, type, object, labels, fields, node_name, created_at)
        SELECT ${batchBase} + row_number() OVER (ORDER BY j.key), j.value->>0, j.value->>1, j.value->>2, 'ADDED', j.value->>3, j.value->>4, j.value->>5, j.value->>6, ${now}
        FROM json_each(${JSON.stringify(items.map((p) => [p.key.resource, p.key.namespace, p.key.name, p.row.body, p.row.labels, p.row.fields, p.nodeName]))}) j
        WHERE NOT EXISTS (SELECT 1 FROM objects o WHERE o.resource = j.value->>0 AND o.namespace = j.value->>1 AND o.name = j.value->>2)
        RETURNING revision AS r, resource AS res, namespace AS ns, name AS n`,
      sql`INSERT INTO objects (resource, namespace, name, uid, rv, body, labels, fields, node_name)
        SELECT resource, namespace, name, object->>'$.metadata.uid', revision, object, labels, fields, node_name FROM changes WHERE revision > ${batchBase}`,
    ],
    ({ key, row, uid, nodeName }) => {
      const free = sql`NOT EXISTS (SELECT 1 FROM objects WHERE resource = ${key.resource} AND namespace = ${key.namespace} AND name = ${key.name})`;
      return [
        sql`INSERT INTO changes (revision, resource, namespace, name, type, object, labels, fields, node_name, created_at)
          SELECT ${nextRevision}, ${key.resource}, ${key.namespace}, ${key.name}, 'ADDED', ${row.body}, ${row.labels}, ${row.fields}, ${nodeName}, ${now} WHERE ${free}
          RETURNING revision AS r, resource AS res, namespace AS ns, name AS n`,
        sql`INSERT INTO objects (resource, namespace, name, uid, rv, body, labels, fields, node_name)
          SELECT resource, namespace, name, ${uid}, revision, object, labels, fields, node_name FROM ${lastChange} AND ${free}`,
      ];
    },
  );
  const inserted = answers(await batch(db, [...statements, ...guards]));
  for (const [r, run] of runs.entries()) {
    for (const p of run.items) {
      const row = inserted[r].get(keyId(p.key));
      if (!row) continue; // the name was taken: 'exists'
      noteCommitted(db, p.key, row.r, 'ADDED', p.row);
      outcomes[p.i] = { ok: true, rv: row.r };
    }
  }
  return outcomes;
}

interface Pending {
  i: number;
  key: ObjectKey;
  uid: string;
  nodeName: string | null;
  chunkable: boolean;
  row: { body: string; labels: string; fields: string };
}
