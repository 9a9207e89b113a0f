// The API isolate's list cache, upstream's "consistent list from the watch cache" on D1: a list reads
// the current revision and the change-log rows of its resource since the cached scope's revision (one
// small batch, instead of every object), applies them, and serves the objects from memory. The first
// list of a scope, a scope behind the compaction horizon, or one with more changes than a reload costs,
// reads everything. Never stale: every list asks D1 for the current revision in its own request
// (promises are not shared across requests: workerd forbids it), so a client reads its own writes.
// Encrypted resources (Secrets) are not cached: their plaintext stays in memory no longer than a request.
import { sql } from 'drizzle-orm';
import { batch, rowsOf } from '../batch';
import type { Db } from '../db';
import { listObjects } from '../list';
import { withResourceVersion } from '../types';
import { Scope, type ScopeChange } from './scope';

export { Scope } from './scope';

/** Bytes of object JSON kept per isolate by default (Workers isolates have 128 MB). */
export const DEFAULT_LIST_CACHE_BYTES = 48 * 1024 * 1024;

/** ~4 MB of pods per D1 query when a scope is loaded. */
export const LOAD_PAGE_ROWS = 1000;

export class ListCache {
  private readonly scopes = new Map<string, Scope>();
  private readonly loading = new Set<string>();

  constructor(
    readonly maxBytes = DEFAULT_LIST_CACHE_BYTES,
    /** Rows per D1 query when a scope is loaded. */
    readonly loadPage = LOAD_PAGE_ROWS,
  ) {}

  /**
   * The scope of `resource` (in `namespace`, or all namespaces), current as of a revision read by this
   * call; undefined when it cannot be cached (encrypted kind, or a first load already running in another
   * request: that request then reads D1 directly, as without a cache).
   */
  async read(db: Db, resource: string, namespace?: string): Promise<Scope | undefined> {
    if (this.maxBytes <= 0 || db.secrets.applies(resource)) return undefined;
    const key = `${resource}|${namespace ?? '*'}`;
    let scope = this.scopes.get(key);
    if (!scope) {
      if (this.loading.has(key)) return undefined;
      this.loading.add(key);
      try {
        scope = await this.load(db, resource, namespace);
      } finally {
        this.loading.delete(key);
      }
      this.keep(key, scope);
      return scope;
    }
    if (!(await catchUp(db, scope, resource, namespace))) {
      // Changes this scope needs are gone, or more than a reload would read.
      const fresh = await this.load(db, resource, namespace);
      if (fresh.revision > scope.revision) scope = fresh;
    }
    this.keep(key, scope);
    return scope;
  }

  /**
   * Everything in the scope, current as of one revision. Large scopes are read in pages, each a D1
   * query of its own, so neither the D1 object nor this isolate builds one response of tens of MB (near
   * an isolate's memory limit, garbage collection made a 10,000-pod load take seconds). Pages read later
   * may hold objects newer than the first page's revision; the change log after that revision then
   * brings every object to one revision. If it cannot (compacted meanwhile, or written faster than
   * read), one unpaged read is the fallback.
   */
  private async load(db: Db, resource: string, namespace?: string): Promise<Scope> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const first = await listObjects(db, { resource, namespace, limit: this.loadPage });
      if (first.rows.length < this.loadPage) return new Scope(first.revision, first.rows);
      const rows = first.rows;
      for (let page = first.rows; page.length === this.loadPage; ) {
        const last = page[page.length - 1];
        page = (await listObjects(db, { resource, namespace, after: { namespace: last.namespace, name: last.name }, limit: this.loadPage })).rows;
        for (const r of page) rows.push(r);
      }
      const scope = new Scope(first.revision, rows);
      if (await catchUp(db, scope, resource, namespace)) return scope;
    }
    const all = await listObjects(db, { resource, namespace });
    return new Scope(all.revision, all.rows);
  }

  /** Keeps `scope` under `key` within the byte budget, evicting the least recently used others. */
  private keep(key: string, scope: Scope): void {
    scope.lastUsed = Date.now();
    this.scopes.set(key, scope);
    let total = 0;
    for (const s of this.scopes.values()) total += s.bytes;
    if (total <= this.maxBytes) return;
    for (const [k, s] of [...this.scopes].sort((a, b) => a[1].lastUsed - b[1].lastUsed)) {
      if (total <= this.maxBytes) break;
      // A scope bigger than the whole budget is served once and not kept.
      if (k === key && scope.bytes <= this.maxBytes) continue;
      this.scopes.delete(k);
      total -= s.bytes;
    }
  }
}

/**
 * Brings `scope` to the current revision from the change log after it (one batch that also reads the
 * current revision and the compaction floor); false when the log no longer has those changes or has
 * more than a reload would read.
 */
async function catchUp(db: Db, scope: Scope, resource: string, namespace?: string): Promise<boolean> {
  const limit = Math.max(200, Math.min(5000, scope.size));
  const [cur, compacted, changes] = await batch(db, [
    sql`SELECT COALESCE(MAX(revision), 0) AS r FROM changes`,
    sql`SELECT COALESCE(MAX(value), 0) AS c FROM meta WHERE key = 'compacted'`,
    sql`SELECT revision, namespace, name, type, object, labels, fields FROM changes
      WHERE resource = ${resource}${namespace !== undefined ? sql` AND namespace = ${namespace}` : sql``} AND revision > ${scope.revision}
      ORDER BY revision LIMIT ${limit}`,
  ]);
  const horizon = rowsOf<{ c: number }>(compacted)[0]?.c ?? 0;
  const rows = rowsOf<Omit<ScopeChange, 'json'> & { object: string }>(changes);
  if (horizon > scope.revision || rows.length >= limit) return false;
  scope.advance(
    rows.map(({ object, ...c }) => ({ ...c, json: withResourceVersion(object, c.revision) })),
    rowsOf<{ r: number }>(cur)[0]?.r ?? 0,
  );
  return true;
}

/**
 * One cache per isolate, sized by LIST_CACHE_MAX_BYTES (0 turns it off); LIST_CACHE_LOAD_PAGE sets the
 * rows per D1 query of a load (tests make it small to exercise paging).
 */
let shared: ListCache | undefined;
export function listCacheOf(env: { LIST_CACHE_MAX_BYTES?: string; LIST_CACHE_LOAD_PAGE?: string }): ListCache {
  const max = env.LIST_CACHE_MAX_BYTES !== undefined && env.LIST_CACHE_MAX_BYTES !== '' ? Number(env.LIST_CACHE_MAX_BYTES) : DEFAULT_LIST_CACHE_BYTES;
  const page = Number(env.LIST_CACHE_LOAD_PAGE || LOAD_PAGE_ROWS);
  const maxBytes = Number.isFinite(max) ? max : DEFAULT_LIST_CACHE_BYTES;
  const loadPage = Number.isInteger(page) && page > 0 ? page : LOAD_PAGE_ROWS;
  if (!shared || shared.maxBytes !== maxBytes || shared.loadPage !== loadPage) shared = new ListCache(maxBytes, loadPage);
  return shared;
}
