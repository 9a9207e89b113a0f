import { sql, type SQL } from 'drizzle-orm';
import { batch, rowsOf } from './batch';
import type { Db } from './db';
import { withResourceVersion } from './types';
import type { StoredRow } from './types';

export interface ListQuery {
  resource: string;
  /** Only this namespace; undefined = all namespaces. */
  namespace?: string;
  /** Only pods bound to this node (indexed). */
  nodeName?: string;
  /** Resume after this (namespace, name) key: the continue token's position. */
  after?: { namespace: string; name: string };
  /** At most this many rows (undefined = all). */
  limit?: number;
}

export interface ListResult {
  rows: StoredRow[];
  /** The global revision the list was read at (same transaction as the rows). */
  revision: number;
}

/** An index range scan over (resource, namespace, name), read together with the revision. */
export async function listObjects(db: Db, q: ListQuery): Promise<ListResult> {
  const where: SQL[] = [sql`resource = ${q.resource}`];
  if (q.namespace !== undefined) where.push(sql`namespace = ${q.namespace}`);
  if (q.nodeName !== undefined) where.push(sql`node_name = ${q.nodeName}`);
  if (q.after) where.push(afterKey(q.after, q.namespace));
  const limit = q.limit !== undefined ? sql` LIMIT ${q.limit}` : sql``;
  const [rev, rows] = await batch(db, [
    sql`SELECT COALESCE(MAX(revision), 0) AS r FROM changes`,
    sql`SELECT namespace, name, rv, body, labels, fields FROM objects WHERE ${sql.join(where, sql` AND `)} ORDER BY namespace, name${limit}`,
  ]);
  const raw = rowsOf<StoredRow & { body: string }>(rows);
  // Encrypted kinds decrypt every row; one that cannot be read fails the list (as upstream).
  const bodies = db.secrets.applies(q.resource) ? await Promise.all(raw.map(async (r) => (await db.secrets.open(q.resource, r.namespace, r.name, r.body)).json)) : null;
  const out = raw.map((r, i) => ({ namespace: r.namespace, name: r.name, rv: r.rv, json: withResourceVersion(bodies ? bodies[i] : r.body, r.rv), labels: r.labels, fields: r.fields }));
  return { rows: out, revision: rowsOf<{ r: number }>(rev)[0]?.r ?? 0 };
}

/**
 * Rows after a (namespace, name) key, written so that SQLite bounds its index range with it: combined
 * with `namespace = ?`, the row value `(namespace, name) > (?, ?)` is only a filter, and every page of a
 * namespace then read the namespace from its first row.
 */
function afterKey(after: { namespace: string; name: string }, namespace: string | undefined): SQL {
  if (namespace === undefined) return sql`(namespace, name) > (${after.namespace}, ${after.name})`;
  if (after.namespace === namespace) return sql`name > ${after.name}`;
  return after.namespace < namespace ? sql`1` : sql`0`;
}
