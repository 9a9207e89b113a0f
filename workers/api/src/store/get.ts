import { type SQL, sql } from 'drizzle-orm';
import { batch, rowsOf } from './batch';
import type { Db } from './db';
import { withResourceVersion } from './types';
import type { ObjectKey, StoredRow } from './types';

/** The columns a read returns (openRow turns them into a StoredRow). */
export const ROW_COLUMNS = sql.raw('namespace, name, rv, body, labels, fields');

export async function getObject(db: Db, key: ObjectKey): Promise<StoredRow | null> {
  const row = await db.get<StoredRow & { body: string }>(sql`
    SELECT ${ROW_COLUMNS} FROM objects
    WHERE resource = ${key.resource} AND namespace = ${key.namespace} AND name = ${key.name}`);
  return row ? openRow(db, key, row) : null;
}

/** A row as D1 returns it (Secrets sealed, no resourceVersion in the body) as the store hands it out. */
export async function openRow(db: Db, key: ObjectKey, row: StoredRow & { body: string }): Promise<StoredRow> {
  if (db.secrets.applies(key.resource)) {
    const { json, stale } = await db.secrets.open(key.resource, row.namespace, row.name, row.body);
    return { namespace: row.namespace, name: row.name, rv: row.rv, json: withResourceVersion(json, row.rv), labels: row.labels, fields: row.fields, stale };
  }
  return plainRow(row);
}

/** A row of a resource that is not encrypted, with its revision put into the body. */
function plainRow(row: StoredRow & { body: string }): StoredRow {
  return { namespace: row.namespace, name: row.name, rv: row.rv, json: withResourceVersion(row.body, row.rv), labels: row.labels, fields: row.fields };
}

/** Names per SELECT: D1 binds at most 100 parameters per statement (the resource and namespace take two). */
const NAMES_PER_STATEMENT = 98;

/**
 * Many objects of one resource in one D1 round trip (a batch of SELECTs), in the order of `keys`;
 * null where an object does not exist.
 */
export async function getObjects(db: Db, resource: string, keys: { namespace: string; name: string }[]): Promise<(StoredRow | null)[]> {
  if (db.secrets.applies(resource)) return Promise.all(keys.map((k) => getObject(db, { resource, ...k })));
  // One `name IN (...)` per namespace: SQLite seeks the primary key for each name. (An OR of
  // "namespace = ? AND name = ?" terms made it scan every object of the resource: 10,000 pods read
  // per statement, ~50 ms, on every batch binding.)
  const byNamespace = new Map<string, string[]>();
  for (const k of keys) {
    const names = byNamespace.get(k.namespace);
    if (names) names.push(k.name);
    else byNamespace.set(k.namespace, [k.name]);
  }
  const statements: SQL[] = [];
  for (const [namespace, names] of byNamespace) {
    for (let i = 0; i < names.length; i += NAMES_PER_STATEMENT) {
      const some = names.slice(i, i + NAMES_PER_STATEMENT).map((n) => sql`${n}`);
      statements.push(sql`SELECT ${ROW_COLUMNS} FROM objects WHERE resource = ${resource} AND namespace = ${namespace} AND name IN (${sql.join(some, sql`, `)})`);
    }
  }
  const found = new Map<string, StoredRow>();
  for (const r of statements.length ? await batch(db, statements) : []) {
    for (const row of rowsOf<StoredRow & { body: string }>(r)) found.set(`${row.namespace}/${row.name}`, plainRow(row));
  }
  return keys.map((k) => found.get(`${k.namespace}/${k.name}`) ?? null);
}
