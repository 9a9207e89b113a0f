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

/** An index range scan over (resource, revision). */
export async function readChanges(db: Db, q: ChangesQuery): Promise<ChangeRow[]> {
  const upTo = q.upTo !== undefined ? sql` AND revision <= ${q.upTo}` : sql``;
  const rows = await db.all<StoredChange>(sql`
    SELECT revision, namespace, name, type, object, labels, fields, prev_labels AS prevLabels, prev_fields AS prevFields
    FROM changes WHERE resource = ${q.resource} AND revision > ${q.after}${upTo}
    ORDER BY revision LIMIT ${q.limit}`);
  return openChanges(db, rows, () => q.resource);
}

/** A change as the feed serves it: which resource it belongs to, for reads of several at once. */
export interface FeedChange {
  resource: string;
  type: string;
  revision: number;
  /** Object JSON with metadata.resourceVersion = revision. */
  json: string;
}

/**
 * The changes of `resources` after `after` up to the current revision, in revision order, with that
 * revision and the compaction floor, in one D1 round trip from one snapshot (a batch is a transaction):
 * every revision up to `current` has committed, and rows compacted away before the read show as
 * `after < compacted`. The first run of them that this isolate committed itself comes from its change
 * tail (store/change-tail), and D1 returns only the rows after that run. With `atLeast`, a tail that
 * reaches that revision answers alone.
 */
export async function readChangesNow(db: Db, q: { resources: string[]; after: number; limit: number; atLeast?: number }): Promise<{ current: number; compacted: number; rows: FeedChange[] }> {
  const tail = db.tail.read(new Set(q.resources), q.after, q.limit);
  // The reader needs the changes through `atLeast` (the revision it was poked for) and this isolate holds
  // every revision up to there: the run it holds is the answer, with no round trip. Its end is "current"
  // for the reader (every revision up to it is included); nothing in it was compacted away.
  if (q.atLeast !== undefined && tail.through >= q.atLeast) return { current: tail.through, compacted: 0, rows: tail.items };
  const rest = q.limit - tail.items.length;
  const which = q.resources.length === 1 ? sql`resource = ${q.resources[0]}` : sql`resource IN (${sql.join(q.resources.map((r) => sql`${r}`), sql`, `)})`;
  const [cur, floor, changes] = await batch(db, [
    sql`SELECT COALESCE(MAX(revision), 0) AS r FROM changes`,
    sql`SELECT value FROM meta WHERE key = 'compacted'`,
    ...(rest > 0
      ? [
          sql`
    SELECT resource, revision, namespace, name, type, object, labels, fields, prev_labels AS prevLabels, prev_fields AS prevFields
    FROM changes WHERE ${which} AND revision > ${tail.through} AND revision <= (SELECT COALESCE(MAX(revision), 0) FROM changes)
    ORDER BY revision LIMIT ${rest}`,
        ]
      : []),
  ]);
  const stored = changes ? await openChanges(db, rowsOf<StoredChange & { resource: string }>(changes), (r) => r.resource) : [];
  return {
    current: rowsOf<{ r: number }>(cur)[0]?.r ?? 0,
    compacted: rowsOf<{ value: number }>(floor)[0]?.value ?? 0,
    rows: [...tail.items, ...stored],
  };
}

/** Rows as served: Secrets decrypted, the revision in each object's resourceVersion (no await for others). */
async function openChanges<R extends StoredChange>(db: Db, rows: R[], resourceOf: (row: R) => string): Promise<Omit<R, 'object'>[]> {
  const open = ({ object, ...r }: R, json: string) => ({ ...r, json: withResourceVersion(json, r.revision) });
  if (!rows.some((r) => db.secrets.applies(resourceOf(r)))) return rows.map((r) => open(r, r.object));
  return Promise.all(rows.map(async (r) => (db.secrets.applies(resourceOf(r)) ? open(r, (await db.secrets.open(resourceOf(r), r.namespace, r.name, r.object)).json) : open(r, r.object))));
}
