// The API isolate's list cache, upstream's "consistent list from the watch cache" on D1: a list reads
// the current revision and the change-log rows of its resource since the cached scope's revision (one
// small batch, instead of every object), applies them, and serves the objects from memory. The first
// list of a scope, a scope behind the compaction horizon, or one with more changes than a reload costs,
// reads everything. Never stale: every list asks D1 for the current revision in its own request
// (promises are not shared across requests: workerd forbids it), so a client reads its own writes.
// Encrypted resources (Secrets) are not cached: their plaintext stays in memory no longer than a request.
//
// Scopes also follow this isolate's own commits as they happen (write-through), so the catch-up of a
// read finds little or nothing left to read; and a namespace this isolate created starts with empty
// scopes that its commits fill, so even the first list of a namespace filled from here is warm. Such a
// scope is confirmed against D1's object count at its first read (objects left behind from an earlier
// namespace of that name would show there), and reloaded when the count differs.
import { sql } from 'drizzle-orm';
import { batch, rowsOf } from '../batch';
import type { Db } from '../db';
import { listObjects } from '../list';
import { withResourceVersion } from '../types';
import { BornNamespaces, OwnCommits, ownerKey } from './owners';
import { Scope, type ScopeChange } from './scope';

export { Scope } from './scope';

/**
 * Bytes of object JSON kept per isolate by default (Workers isolates have 128 MB): 10,000 pods with
 * their managedFields (~4.8 KB each) and a few smaller namespaces fit.
 */
export const DEFAULT_LIST_CACHE_BYTES = 64 * 1024 * 1024;

/** A change this isolate committed; `body` (stored, without resourceVersion) undefined for a sealed kind. */
export interface CommittedChange {
  revision: number;
  resource: string;
  namespace: string;
  name: string;
  type: ScopeChange['type'];
  body: string | undefined;
  labels: string;
  fields: string;
}

const scopeKey = (resource: string, namespace?: string) => `${resource}|${namespace ?? '*'}`;
/** Which owner keys (store/list-cache/owners) a scope key takes changes from. */
function ownersOf(key: string): (owner: string) => boolean {
  if (!key.endsWith('|*')) return (owner) => owner === key;
  const prefix = key.slice(0, -1);
  return (owner) => owner.startsWith(prefix);
}

/** ~4 MB of pods per D1 query when a scope is loaded. */
export const LOAD_PAGE_ROWS = 1000;

export class ListCache {
  private readonly scopes = new Map<string, Scope>();
  private readonly loading = new Set<string>();
  private readonly owners = new OwnCommits();
  private readonly born = new BornNamespaces();
  /** Bytes of all scopes: recomputed by trim, moved by commits in between. */
  private total = 0;
  /** Scope keys whose seeding failed since their namespace was created: the walk is not repeated. */
  private readonly unseedable = new Set<string>();

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
    const key = scopeKey(resource, namespace);
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
    scope.feed(this.owners, ownersOf(key));
    if (!(await catchUp(db, scope, resource, namespace))) {
      // Changes this scope needs are gone, or more than a reload would read, or it was built from this
      // isolate's commits and D1 holds other objects.
      const fresh = await this.load(db, resource, namespace);
      if (fresh.revision > scope.revision || scope.unconfirmed) scope = fresh;
    }
    this.keep(key, scope);
    return scope;
  }

  /** Applies a change this isolate just committed to the scopes it belongs to (see the file comment). */
  noteCommit(c: CommittedChange): void {
    if (this.maxBytes <= 0) return;
    const owner = ownerKey(c.resource, c.namespace);
    this.owners.note(c.revision, c.resource, c.namespace);
    if (c.resource === 'namespaces') {
      if (c.type === 'ADDED') this.born.note(c.name, c.revision);
      else if (c.type === 'DELETED') this.born.forget(c.name);
      if (c.type === 'ADDED') for (const k of this.unseedable) if (k.endsWith(`|${c.name}`)) this.unseedable.delete(k);
    }
    if (c.body === undefined) return;
    let change: ScopeChange | undefined;
    for (const key of c.namespace ? [owner, scopeKey(c.resource)] : [scopeKey(c.resource)]) {
      const scope = this.scopes.get(key) ?? (key === owner ? this.seed(key, c.namespace, c.revision) : undefined);
      if (!scope) continue;
      change ??= { revision: c.revision, namespace: c.namespace, name: c.name, type: c.type, json: withResourceVersion(c.body, c.revision), labels: c.labels, fields: c.fields };
      const before = scope.bytes;
      scope.hold(change);
      scope.feed(this.owners, ownersOf(key));
      this.total += scope.bytes - before;
    }
    // The running total (exact as of the last read) spares a sum over every scope on each commit.
    if (this.total > this.maxBytes) this.trim();
  }

  /**
   * An empty scope of a namespace this isolate created, at the revision it created it at, when every
   * revision since is known here and none of them is this scope's: the commit at `revision` is then its
   * first object.
   */
  private seed(key: string, namespace: string, revision: number): Scope | undefined {
    const born = this.born.revisionOf(namespace);
    if (born === undefined || this.loading.has(key) || this.unseedable.has(key)) return undefined;
    const mine = ownersOf(key);
    for (let r = born + 1; r < revision; r++) {
      const owner = this.owners.ownerOf(r);
      if (owner === undefined || mine(owner)) {
        if (this.unseedable.size >= 10_000) this.unseedable.clear();
        this.unseedable.add(key);
        return undefined;
      }
    }
    const scope = new Scope(born, []);
    scope.unconfirmed = true;
    scope.lastUsed = Date.now();
    this.scopes.set(key, scope);
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
    this.trim(key);
  }

  /** Evicts the least recently read scopes (but `spare`, unless it alone is over) until within budget. */
  private trim(spare?: string): void {
    let total = 0;
    for (const s of this.scopes.values()) total += s.bytes;
    this.total = total;
    if (total <= this.maxBytes) return;
    for (const [k, s] of [...this.scopes].sort((a, b) => a[1].lastUsed - b[1].lastUsed)) {
      if (total <= this.maxBytes) break;
      // A scope bigger than the whole budget is served once and not kept.
      if (k === spare && s.bytes <= this.maxBytes) continue;
      this.scopes.delete(k);
      total -= s.bytes;
    }
    this.total = total;
  }
}

/**
 * Brings `scope` to the current revision from the change log after it (one batch that also reads the
 * current revision and the compaction floor); false when the log no longer has those changes or has
 * more than a reload would read.
 */
async function catchUp(db: Db, scope: Scope, resource: string, namespace?: string): Promise<boolean> {
  const limit = Math.max(200, Math.min(5000, scope.size));
  const confirm = scope.unconfirmed;
  const [cur, compacted, changes, count] = await batch(db, [
    sql`SELECT COALESCE(MAX(revision), 0) AS r FROM changes`,
    sql`SELECT COALESCE(MAX(value), 0) AS c FROM meta WHERE key = 'compacted'`,
    sql`SELECT revision, namespace, name, type, object, labels, fields FROM changes
      WHERE resource = ${resource}${namespace !== undefined ? sql` AND namespace = ${namespace}` : sql``} AND revision > ${scope.revision}
      ORDER BY revision LIMIT ${limit}`,
    ...(confirm ? [sql`SELECT COUNT(*) AS n FROM objects WHERE resource = ${resource}${namespace !== undefined ? sql` AND namespace = ${namespace}` : sql``}`] : []),
  ]);
  const horizon = rowsOf<{ c: number }>(compacted)[0]?.c ?? 0;
  const rows = rowsOf<Omit<ScopeChange, 'json'> & { object: string }>(changes);
  if (horizon > scope.revision || rows.length >= limit) return false;
  const revision = rowsOf<{ r: number }>(cur)[0]?.r ?? 0;
  scope.advance(
    rows.map(({ object, ...c }) => ({ ...c, json: withResourceVersion(object, c.revision) })),
    revision,
  );
  // The count is of the revision read: commits noted meanwhile that moved the scope past it leave it
  // unconfirmed, and an unconfirmed scope is never served.
  if (confirm) {
    if (scope.revision !== revision || rowsOf<{ n: number }>(count)[0]?.n !== scope.size) return false;
    scope.unconfirmed = false;
  }
  return true;
}
