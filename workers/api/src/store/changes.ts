import { sql } from 'drizzle-orm';
import { batch, rowsOf } from './batch';
import type { Db } from './db';
import { withResourceVersion } from './types';
import type { ChangeRow } from './types';

export interface ChangesQuery {
  resource: string;
  /** Changes with revision > after. */
  after: number;
  /** And revision <= upTo, when set. */
  upTo?: number;
  limit: number;
}

type StoredChange = ChangeRow & { object: string };
const changesSelect = (q: ChangesQuery, upTo: ReturnType<typeof sql>) => sql`
    SELECT revision, namespace, name, type, object, labels, fields, prev_labels AS prevLabels, prev_fields AS prevFields
    FROM changes WHERE resource = ${q.resource} AND revision > ${q.after}${upTo}
    ORDER BY revision LIMIT ${q.limit}`;

/** An index range scan over (resource, revision). */
export async function readChanges(db: Db, q: ChangesQuery): Promise<ChangeRow[]> {
  const upTo = q.upTo !== undefined ? sql` AND revision <= ${q.upTo}` : sql``;
  return openChanges(db, q.resource, await db.all<StoredChange>(changesSelect(q, upTo)));
}

/**
 * The changes after `q.after` up to the current revision, with that revision and the compaction floor,
 * read in one D1 round trip from one snapshot (a batch is a transaction): every revision up to
 * `current` has committed, and rows compacted away before the read show as `after < compacted`.
 */
export async function readChangesNow(db: Db, q: Omit<ChangesQuery, 'upTo'>): Promise<{ current: number; compacted: number; rows: ChangeRow[] }> {
  const [cur, changes, floor] = await batch(db, [
    sql`SELECT COALESCE(MAX(revision), 0) AS r FROM changes`,
    changesSelect(q, sql` AND revision <= (SELECT COALESCE(MAX(revision), 0) FROM changes)`),
    sql`SELECT value FROM meta WHERE key = 'compacted'`,
  ]);
  return {
    current: rowsOf<{ r: number }>(cur)[0]?.r ?? 0,
    compacted: rowsOf<{ value: number }>(floor)[0]?.value ?? 0,
    rows: await openChanges(db, q.resource, rowsOf<StoredChange>(changes)),
  };
}

/** Rows as served: Secrets decrypted, the revision in each object's resourceVersion. */
async function openChanges(db: Db, resource: string, rows: StoredChange[]): Promise<ChangeRow[]> {
  if (db.secrets.applies(resource)) {
    return Promise.all(rows.map(async ({ object, ...r }) => ({ ...r, json: withResourceVersion((await db.secrets.open(resource, r.namespace, r.name, object)).json, r.revision) })));
  }
  return rows.map(({ object, ...r }) => ({ ...r, json: withResourceVersion(object, r.revision) }));
}
