// One cached scope of a resource (all namespaces, or one namespace): the objects as of `revision`,
// kept current by applying change-log rows in revision order. Pure, so it is tested without D1.
import type { ChangeRow, StoredRow } from '../types';

/** A change-log row as a scope applies it (selector transitions do not matter here). */
export type ScopeChange = Omit<ChangeRow, 'prevLabels' | 'prevFields'>;

const keyOf = (namespace: string, name: string) => `${namespace}\u0000${name}`;
const sizeOf = (r: StoredRow) => r.json.length + r.labels.length + r.fields.length + r.namespace.length + r.name.length + 64;

/** SQLite's ORDER BY namespace, name (BINARY collation; names are ASCII, so code units order alike). */
export function compareKeys(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return 0;
}

/**
 * The scope key (`resource|namespace`) of each revision this isolate committed; undefined for a
 * revision it does not know (another isolate's, or a commit not noted yet).
 */
export interface RevisionOwners {
  ownerOf(revision: number): string | undefined;
}

/** Past this many held changes a scope stops holding: it is stuck at a gap, and D1 catches it up. */
const MAX_HELD = 512;

export class Scope {
  private readonly rows = new Map<string, StoredRow>();
  private sorted: StoredRow[] | undefined;
  /** Changes this isolate committed after `revision`, waiting for the revisions before them. */
  private readonly held = new Map<number, ScopeChange>();
  bytes = 0;
  lastUsed = 0;
  /** Built from this isolate's commits alone (a namespace it created); D1 has not confirmed it yet. */
  unconfirmed = false;

  constructor(
    /** The change log revision this scope is current to. */
    public revision: number,
    rows: StoredRow[],
  ) {
    for (const r of rows) this.put(r);
  }

  get size(): number {
    return this.rows.size;
  }

  /**
   * Applies changes (ordered by revision) newer than this scope, up to `to`, the revision the reader
   * saw as current: the scope then stands at `to` even when the newest changes were not this resource's.
   */
  advance(changes: ScopeChange[], to: number): void {
    if (to <= this.revision) return;
    for (const c of changes) {
      if (c.revision <= this.revision) continue;
      if (c.type === 'DELETED') this.remove(c.namespace, c.name);
      else this.put({ namespace: c.namespace, name: c.name, rv: c.revision, json: c.json, labels: c.labels, fields: c.fields });
    }
    this.revision = to;
  }

  /** Holds a change of this scope that this isolate committed, to be applied by `feed`. */
  hold(change: ScopeChange): void {
    if (change.revision <= this.revision) return;
    this.held.set(change.revision, change);
    if (this.held.size > MAX_HELD) this.held.clear();
  }

  /**
   * Moves forward over the revisions this isolate committed, in order, applying the held changes that
   * are this scope's (`mine` tells them by owner). It stops at an unknown revision, and at one of this
   * scope's that is not held (committed before the scope existed, or dropped): the D1 catch-up of the
   * next read moves past such a gap.
   */
  feed(owners: RevisionOwners, mine: (owner: string) => boolean): void {
    const changes: ScopeChange[] = [];
    let r = this.revision + 1;
    for (let owner = owners.ownerOf(r); owner !== undefined; owner = owners.ownerOf(++r)) {
      if (!mine(owner)) continue;
      const c = this.held.get(r);
      if (!c) break;
      changes.push(c);
    }
    if (r - 1 > this.revision) this.advance(changes, r - 1);
    for (const rev of this.held.keys()) if (rev <= this.revision) this.held.delete(rev);
  }

  /** The rows in key order, from the first after `after` (the continue token's position). */
  rowsFrom(after?: { namespace: string; name: string }): { rows: StoredRow[]; start: number } {
    this.sorted ??= [...this.rows.values()].sort(compareKeys);
    const rows = this.sorted;
    if (!after) return { rows, start: 0 };
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(rows[mid], after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return { rows, start: lo };
  }

  private put(r: StoredRow): void {
    const key = keyOf(r.namespace, r.name);
    const old = this.rows.get(key);
    if (old) this.bytes -= sizeOf(old);
    else this.sorted = undefined;
    this.rows.set(key, r);
    this.bytes += sizeOf(r);
    // An update keeps the order: swap the row in place instead of sorting again.
    if (old && this.sorted) {
      const { rows, start } = this.rowsFrom({ namespace: r.namespace, name: r.name });
      if (start > 0 && rows[start - 1] === old) rows[start - 1] = r;
      else this.sorted = undefined;
    }
  }

  private remove(namespace: string, name: string): void {
    const key = keyOf(namespace, name);
    const old = this.rows.get(key);
    if (!old) return;
    this.rows.delete(key);
    this.bytes -= sizeOf(old);
    this.sorted = undefined;
  }
}
