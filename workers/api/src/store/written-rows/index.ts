// The rows this API isolate committed last, kept as a starting point for its next read-modify-write of
// the same object: upstream's GuaranteedUpdate takes the watch cache's copy (`cachedExistingObject`)
// the same way. An update starts from the remembered row instead of reading D1, and its compare-and-swap
// on the row's revision decides: a stale row fails the CAS, and the failed batch returns the current row
// (store/update.ts), so a stale hint costs no more round trips than no hint. Never a source of answers:
// GETs and lists read D1. Encrypted kinds (Secrets) are never kept: their plaintext stays in memory no
// longer than a request.
import type { ObjectKey, StoredRow } from '../types';
import { withResourceVersion } from '../types';

/** Bytes of stored JSON kept per isolate by default (next to the list cache's 48 MiB; isolates have 128 MB). */
export const DEFAULT_WRITTEN_ROWS_BYTES = 16 * 1024 * 1024;

interface Entry {
  rv: number;
  /** The stored body (without resourceVersion), as written. */
  body: string;
  labels: string;
  fields: string;
}

export class WrittenRows {
  /** Insertion order is recency order: a remembered key is deleted and set again. */
  private readonly rows = new Map<string, Entry>();
  private bytes = 0;

  constructor(readonly maxBytes = DEFAULT_WRITTEN_ROWS_BYTES) {}

  /** The row as this isolate last wrote it (possibly no longer current), or undefined. */
  get(key: ObjectKey): StoredRow | undefined {
    const e = this.rows.get(idOf(key));
    if (!e) return undefined;
    return { namespace: key.namespace, name: key.name, rv: e.rv, json: withResourceVersion(e.body, e.rv), labels: e.labels, fields: e.fields };
  }

  /** Records a committed write (create or update) of `key` at revision `rv`. */
  remember(key: ObjectKey, rv: number, body: string, labels: string, fields: string): void {
    if (this.maxBytes <= 0) return;
    const id = idOf(key);
    this.forgetId(id);
    const size = body.length + labels.length + fields.length + id.length;
    // An object larger than a quarter of the budget would evict too much to be worth keeping.
    if (size > this.maxBytes / 4) return;
    this.rows.set(id, { rv, body, labels, fields });
    this.bytes += size;
    for (const [old, e] of this.rows) {
      if (this.bytes <= this.maxBytes) break;
      this.rows.delete(old);
      this.bytes -= sizeOf(old, e);
    }
  }

  /** Drops `key` (deleted, or written in a way this isolate did not see the result of). */
  forget(key: ObjectKey): void {
    this.forgetId(idOf(key));
  }

  /** Entries and bytes held (for tests and metrics). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.rows.size, bytes: this.bytes };
  }

  private forgetId(id: string): void {
    const e = this.rows.get(id);
    if (!e) return;
    this.rows.delete(id);
    this.bytes -= sizeOf(id, e);
  }
}

const idOf = (key: ObjectKey) => `${key.resource}\u0000${key.namespace}\u0000${key.name}`;
const sizeOf = (id: string, e: Entry) => e.body.length + e.labels.length + e.fields.length + id.length;
