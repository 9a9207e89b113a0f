// Runs drizzle `sql` statements as one D1 batch (a transaction). drizzle 0.45's own batch cannot bind
// parameters of raw statements, so statements are rendered with its dialect and sent to D1 directly.
import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from './db';

const dialect = new SQLiteAsyncDialect();

export async function batch(db: Db, statements: SQL[]): Promise<D1Result[]> {
  const d1 = db.$client as D1Database;
  return d1.batch(
    statements.map((s) => {
      const q = dialect.sqlToQuery(s);
      return d1.prepare(q.sql).bind(...q.params);
    }),
  );
}

export function rowsOf<T>(r: D1Result | undefined): T[] {
  return (r?.results ?? []) as T[];
}
