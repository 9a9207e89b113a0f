import { sql, type SQL } from 'drizzle-orm';
import { releaseAll } from './allocations';
import { batch, rowsOf } from './batch';
import type { Db } from './db';
import { nextRevision } from './sql';
import type { ObjectKey } from './types';

export type DeleteOutcome = { ok: true; rv: number } | { ok: false; reason: 'conflict' };

/** Removes the object if its rv is still `expectedRv`, logging a DELETED change with its final body. */
export async function deleteObject(db: Db, key: ObjectKey, expectedRv: number, release?: (guard: SQL) => SQL[]): Promise<DeleteOutcome> {
  const match = sql`resource = ${key.resource} AND namespace = ${key.namespace} AND name = ${key.name} AND rv = ${expectedRv}`;
  const [inserted] = await batch(db, [
    sql`INSERT INTO changes (revision, resource, namespace, name, type, object, labels, fields, node_name, created_at)
      SELECT ${nextRevision}, resource, namespace, name, 'DELETED', body, labels, fields, node_name, ${Date.now()}
      FROM objects WHERE ${match} RETURNING revision AS r, object, labels, fields`,
    releaseAll(key, sql`EXISTS (SELECT 1 FROM objects WHERE ${match})`),
    ...(release?.(sql`EXISTS (SELECT 1 FROM objects WHERE ${match})`) ?? []),
    sql`DELETE FROM objects WHERE ${match}`,
  ]);
  // Deleted, or the caller's copy was stale: either way this isolate's last write is no starting point.
  db.written.forget(key);
  const [row] = rowsOf<{ r: number; object: string; labels: string; fields: string }>(inserted);
  if (!row) return { ok: false, reason: 'conflict' };
  const body = db.secrets.applies(key.resource) ? undefined : row.object;
  db.tail.record(row.r, key.resource, 'DELETED', body, { namespace: key.namespace, name: key.name, labels: row.labels, fields: row.fields, prevLabels: null, prevFields: null });
  db.lists.noteCommit({ revision: row.r, ...key, type: 'DELETED', body, labels: row.labels, fields: row.fields });
  return { ok: true, rv: row.r };
}
