import { sql } from 'drizzle-orm';
import { batch } from './batch';
import type { Db } from './db';

export interface CompactionPolicy {
  /** Keep every change younger than this. */
  windowMs: number;
  /** Always keep at least this many newest revisions (and never fewer than 1). */
  minKeep: number;
  /** Rows deleted per statement, so writers are never blocked for long (kine's mistake). */
  chunk: number;
}

export const DEFAULT_COMPACTION: CompactionPolicy = { windowMs: 5 * 60_000, minKeep: 1000, chunk: 1000 };

/**
 * Deletes change-log rows that are both older than the window and outside the newest `minKeep`,
 * in chunks, then records the compacted revision so watches from before it get 410 Expired.
 * Returns the new compacted revision.
 */
export async function compact(db: Db, policy: CompactionPolicy = DEFAULT_COMPACTION, now = Date.now()): Promise<number> {
  const max = (await db.get<{ r: number }>(sql`SELECT COALESCE(MAX(revision), 0) AS r FROM changes`))?.r ?? 0;
  const byCount = max - Math.max(1, policy.minKeep);
  const byTime =
    (await db.get<{ r: number | null }>(sql`SELECT MAX(revision) AS r FROM changes WHERE created_at < ${now - policy.windowMs}`))?.r ?? 0;
  const target = Math.min(byCount, byTime ?? 0);
  const current = (await db.get<{ value: number }>(sql`SELECT value FROM meta WHERE key = 'compacted'`))?.value ?? 0;
  if (target <= current) return current;
  for (let from = current; from < target; from += policy.chunk) {
    const to = Math.min(target, from + policy.chunk);
    await batch(db, [
      sql`DELETE FROM changes WHERE revision > ${from} AND revision <= ${to}`,
      sql`INSERT INTO meta (key, value) VALUES ('compacted', ${to}) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    ]);
  }
  return target;
}
