// Preconditions inside a write batch: the statement aborts the whole batch (a D1 transaction) with
// `reason` when `violated` holds at commit time (see migrations/0004_write_guard.sql).
import { sql, type SQL } from 'drizzle-orm';

export function writeGuard(reason: string, violated: SQL): SQL {
  return sql`INSERT INTO write_guard (reason) SELECT ${reason} WHERE ${violated}`;
}

/** Whether `err` (or one of its causes) is the abort of a guard with this reason. */
export function isGuardFailure(err: unknown, reason: string): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (String((e as Error).message ?? e).includes(reason)) return true;
  }
  return false;
}
