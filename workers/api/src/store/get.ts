import { sql } from 'drizzle-orm';
import type { Db } from './db';
import { withResourceVersion } from './types';
import type { ObjectKey, StoredRow } from './types';

export async function getObject(db: Db, key: ObjectKey): Promise<StoredRow | null> {
  const row = await db.get<StoredRow & { body: string }>(sql`
    SELECT namespace, name, rv, body, labels, fields FROM objects
    WHERE resource = ${key.resource} AND namespace = ${key.namespace} AND name = ${key.name}`);
  if (!row) return null;
  if (db.secrets.applies(key.resource)) {
    const { json, stale } = await db.secrets.open(key.resource, row.namespace, row.name, row.body);
    return { namespace: row.namespace, name: row.name, rv: row.rv, json: withResourceVersion(json, row.rv), labels: row.labels, fields: row.fields, stale };
  }
  return { namespace: row.namespace, name: row.name, rv: row.rv, json: withResourceVersion(row.body, row.rv), labels: row.labels, fields: row.fields };
}
