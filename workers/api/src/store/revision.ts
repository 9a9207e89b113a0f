import { sql } from 'drizzle-orm';
import type { Db } from './db';

export async function currentRevision(db: Db): Promise<number> {
  const row = await db.get<{ r: number }>(sql`SELECT COALESCE(MAX(revision), 0) AS r FROM changes`);
  return row?.r ?? 0;
}

/** Revisions at or below this one have been compacted away (0 = nothing compacted). */
export async function compactedRevision(db: Db): Promise<number> {
  const row = await db.get<{ value: number }>(sql`SELECT value FROM meta WHERE key = 'compacted'`);
  return row?.value ?? 0;
}
