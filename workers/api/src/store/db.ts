import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import { SecretCodec } from './encryption';
import * as schema from './schema';
import { DEFAULT_WRITTEN_ROWS_BYTES, WrittenRows } from './written-rows';

/**
 * The store handle: drizzle over D1, the codec that encrypts Secrets at rest on their way in and out, and
 * the rows this isolate wrote last (the starting point of its next update of each; store/written-rows).
 */
export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database; secrets: SecretCodec; written: WrittenRows };

/** What the store needs from a worker's bindings. */
export interface StoreEnv {
  DB: D1Database;
  /** The Secret encryption key list (a Worker secret, never in D1); see store/encryption/keys.ts. */
  SECRET_ENCRYPTION_KEYS?: string;
  /** Bytes of recently written rows an isolate keeps as update starting points (default 16 MiB; 0 = off). */
  WRITTEN_ROWS_MAX_BYTES?: string;
}

const cache = new WeakMap<D1Database, Db>();

/** One drizzle instance per D1 binding (bindings and secrets are stable per isolate). */
export function dbOf(env: StoreEnv): Db {
  let db = cache.get(env.DB);
  const written = env.WRITTEN_ROWS_MAX_BYTES ? Number(env.WRITTEN_ROWS_MAX_BYTES) : DEFAULT_WRITTEN_ROWS_BYTES;
  if (!db || db.secrets.config !== env.SECRET_ENCRYPTION_KEYS || db.written.maxBytes !== written) {
    db = Object.assign(drizzle(env.DB, { schema }), { secrets: new SecretCodec(env.SECRET_ENCRYPTION_KEYS), written: new WrittenRows(Number.isFinite(written) ? written : DEFAULT_WRITTEN_ROWS_BYTES) }) as Db;
    cache.set(env.DB, db);
  }
  return db;
}
