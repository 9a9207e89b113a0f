import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from './schema';

export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database };

const cache = new WeakMap<D1Database, Db>();

/** One drizzle instance per D1 binding (bindings are stable per isolate). */
export function dbOf(d1: D1Database): Db {
  let db = cache.get(d1);
  if (!db) {
    db = drizzle(d1, { schema }) as Db;
    cache.set(d1, db);
  }
  return db;
}
