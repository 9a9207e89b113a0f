import { sql } from 'drizzle-orm';
import type { Db } from './db';
import { objectJson } from './sql';
import type { ObjectKey, StoredRow } from './types';

export async function getObject(db: Db, key: ObjectKey): Promise<StoredRow | null> {
  const row = await db.get<StoredRow>(sql`
    SELECT namespace, name, rv, ${objectJson} AS json, labels, fields FROM objects
    WHERE resource = ${key.resource} AND namespace = ${key.namespace} AND name = ${key.name}`);
  return row ?? null;
}
