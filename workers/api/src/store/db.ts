import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import { SecretCodec } from './encryption';
import * as schema from './schema';

/** The store handle: drizzle over D1, and the codec that encrypts Secrets at rest on their way in and out. */
export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database; secrets: SecretCodec };

/** What the store needs from a worker's bindings. */
export interface StoreEnv {
  DB: D1Database;
  /** The Secret encryption key list (a Worker secret, never in D1); see store/encryption/keys.ts. */
  SECRET_ENCRYPTION_KEYS?: string;
}

const cache = new WeakMap<D1Database, Db>();

/** One drizzle instance per D1 binding (bindings and secrets are stable per isolate). */
export function dbOf(env: StoreEnv): Db {
  let db = cache.get(env.DB);
  if (!db || db.secrets.config !== env.SECRET_ENCRYPTION_KEYS) {
    db = Object.assign(drizzle(env.DB, { schema }), { secrets: new SecretCodec(env.SECRET_ENCRYPTION_KEYS) }) as Db;
    cache.set(env.DB, db);
  }
  return db;
}
