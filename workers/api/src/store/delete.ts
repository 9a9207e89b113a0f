import { sql } from 'drizzle-orm';
import type { Db } from './db';
import { nextRevision } from './sql';
import type { ObjectKey } from './types';
import { rowsChanged } from './write-result';

export type DeleteOutcome = { ok: true; rv: number } | { ok: false; reason: 'conflict' };

/** Removes the object if its rv is still `expectedRv`, logging a DELETED change with its final body. */
export async function deleteObject(db: Db, key: ObjectKey, expectedRv: number): Promise<DeleteOutcome> {
  const match = sql`resource = ${key.resource} AND namespace = ${key.namespace} AND name = ${key.name} AND rv = ${expectedRv}`;
  const [inserted, , rev] = await db.batch([
    db.run(sql`INSERT INTO changes (revision, resource, namespace, name, type, object, labels, fields, node_name, created_at)
      SELECT ${nextRevision}, resource, namespace, name, 'DELETED', body, labels, fields, node_name, ${Date.now()}
      FROM objects WHERE ${match}`),
    db.run(sql`DELETE FROM objects WHERE ${match}`),
    db.all<{ r: number }>(sql`SELECT MAX(revision) AS r FROM changes`),
  ]);
  if (rowsChanged(inserted) !== 1) return { ok: false, reason: 'conflict' };
  return { ok: true, rv: (rev as { r: number }[])[0].r };
}
