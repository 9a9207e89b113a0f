import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import { SecretCodec } from './encryption';
import * as schema from './schema';
import { DEFAULT_WRITTEN_ROWS_BYTES, WrittenRows } from './written-rows';
import { ChangeTail, DEFAULT_CHANGE_TAIL_BYTES } from './change-tail';
import { DEFAULT_LIST_CACHE_BYTES, LOAD_PAGE_ROWS, ListCache } from './list-cache';

/**
 * The store handle: drizzle over D1, the codec that encrypts Secrets at rest on their way in and out, and
 * the rows this isolate wrote last (the starting point of its next update of each; store/written-rows),
 * the change-log rows it committed last (what the change feed serves without D1; store/change-tail), and
 * the list cache its commits write through to (store/list-cache).
 */
export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database; secrets: SecretCodec; written: WrittenRows; tail: ChangeTail; lists: ListCache };

/** What the store needs from a worker's bindings. */
export interface StoreEnv {
  DB: D1Database;
  /** The Secret encryption key list (a Worker secret, never in D1); see store/encryption/keys.ts. */
  SECRET_ENCRYPTION_KEYS?: string;
  /** Bytes of recently written rows an isolate keeps as update starting points (default 16 MiB; 0 = off). */
  WRITTEN_ROWS_MAX_BYTES?: string;
  /** Bytes of recently committed change rows an isolate keeps for the change feed (default 8 MiB; 0 = off). */
  CHANGE_TAIL_MAX_BYTES?: string;
  /** Bytes of objects an isolate keeps to serve lists from memory (default 64 MiB; 0 = off). */
  LIST_CACHE_MAX_BYTES?: string;
  /** Rows per D1 query when the list cache loads a scope (default 1000; tests make it small to exercise paging). */
  LIST_CACHE_LOAD_PAGE?: string;
}

const cache = new WeakMap<D1Database, Db>();

/** One drizzle instance per D1 binding (bindings and secrets are stable per isolate). */
export function dbOf(env: StoreEnv): Db {
  let db = cache.get(env.DB);
  const written = bytesOf(env.WRITTEN_ROWS_MAX_BYTES, DEFAULT_WRITTEN_ROWS_BYTES);
  const tail = bytesOf(env.CHANGE_TAIL_MAX_BYTES, DEFAULT_CHANGE_TAIL_BYTES);
  const lists = bytesOf(env.LIST_CACHE_MAX_BYTES, DEFAULT_LIST_CACHE_BYTES);
  const page = Number(env.LIST_CACHE_LOAD_PAGE || LOAD_PAGE_ROWS);
  const loadPage = Number.isInteger(page) && page > 0 ? page : LOAD_PAGE_ROWS;
  if (!db || db.secrets.config !== env.SECRET_ENCRYPTION_KEYS || db.written.maxBytes !== written || db.tail.maxBytes !== tail || db.lists.maxBytes !== lists || db.lists.loadPage !== loadPage) {
    const caches = { secrets: new SecretCodec(env.SECRET_ENCRYPTION_KEYS), written: new WrittenRows(written), tail: new ChangeTail(tail), lists: new ListCache(lists, loadPage) };
    db = Object.assign(drizzle(env.DB, { schema }), caches) as Db;
    cache.set(env.DB, db);
  }
  return db;
}

function bytesOf(v: string | undefined, fallback: number): number {
  const n = v ? Number(v) : fallback;
  return Number.isFinite(n) ? n : fallback;
}
