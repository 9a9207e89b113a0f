// The newest change-log rows this API isolate committed itself, kept so that a change-feed read
// (GET /apis/kubeflare.dev/v1/changes, which the scheduler and every controller make after each poke)
// need not carry them back out of D1. Ten controllers following pods otherwise pull every pod change
// through D1 ten times. Revisions are global, so a run of revisions is known here only when every one
// of them was committed by this isolate; the feed serves the known run after the reader's cursor from
// memory and reads the rest from D1 in the same round trip (store/changes.ts). A revision another
// isolate (or Durable Object) committed is a gap: the read goes to D1 from there. Secrets are never
// kept (their rows are sealed); a Secret's revision is known to be one, so reads of other resources can
// pass over it.
import { type ChangeRow, withResourceVersion } from '../types';

export const DEFAULT_CHANGE_TAIL_BYTES = 8 * 1024 * 1024;

/** The rest of a change-log row, for the watch channels (watch/channel.ts), which filter by selectors. */
export interface TailRow {
  namespace: string;
  name: string;
  labels: string;
  fields: string;
  /** The labels and fields before a MODIFIED change (null otherwise), as the change log holds them. */
  prevLabels: string | null;
  prevFields: string | null;
}

interface Entry {
  resource: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** The stored body (without resourceVersion); undefined for a Secret (only its revision is known). */
  body: string | undefined;
  row?: TailRow;
}

const sizeOf = (e: Entry) => (e.body?.length ?? 0) + e.resource.length + 32 + (e.row ? e.row.namespace.length + e.row.name.length + e.row.labels.length + e.row.fields.length + (e.row.prevLabels?.length ?? 0) + (e.row.prevFields?.length ?? 0) : 0);

export interface TailChange {
  resource: string;
  type: string;
  revision: number;
  json: string;
}

export class ChangeTail {
  /** By revision; insertion order is commit order, which is nearly revision order. */
  private readonly entries = new Map<number, Entry>();
  /** Reads start no lower than this: eviction moves it past every revision it dropped. */
  private low = 0;
  private bytes = 0;

  constructor(readonly maxBytes = DEFAULT_CHANGE_TAIL_BYTES) {}

  /** A committed change at `revision`; `body` undefined for a kind that is not kept (Secrets); `row` when known. */
  record(revision: number, resource: string, type: Entry['type'], body: string | undefined, row?: TailRow): void {
    if (this.maxBytes <= 0 || revision < this.low || this.entries.has(revision)) return;
    const entry: Entry = { resource, type, body, row: body === undefined ? undefined : row };
    this.entries.set(revision, entry);
    this.bytes += sizeOf(entry);
    // Oldest commits go first.
    for (const [rev, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(rev);
      this.bytes -= sizeOf(e);
      if (rev >= this.low) this.low = rev + 1;
    }
  }

  /**
   * The changes of `resources` from revision `after + 1` on, for as long as every revision is known
   * here and servable, up to `limit` items: `through` is the last revision they cover (`after` when the
   * next one is unknown). The caller reads D1 after `through`.
   */
  read(resources: ReadonlySet<string>, after: number, limit: number): { items: TailChange[]; through: number } {
    const { taken, through } = this.run(after, limit, (e) => resources.has(e.resource), (e) => e.body !== undefined);
    return { items: taken.map(([r, e]) => ({ resource: e.resource, type: e.type, revision: r, json: withResourceVersion(e.body!, r) })), through };
  }

  /**
   * As read, for one resource, as change-log rows (what a watch channel reads from D1): stops at the
   * first unknown revision, and at one of `resource` recorded without its row.
   */
  readRows(resource: string, after: number, limit: number): { rows: ChangeRow[]; through: number } {
    const { taken, through } = this.run(after, limit, (e) => e.resource === resource, (e) => e.body !== undefined && e.row !== undefined);
    return { rows: taken.map(([r, e]) => ({ revision: r, type: e.type, json: withResourceVersion(e.body!, r), ...e.row! })), through };
  }

  /** The unbroken run after `after`: entries `wanted` are taken (up to `limit`) while `servable`. */
  private run(after: number, limit: number, wanted: (e: Entry) => boolean, servable: (e: Entry) => boolean): { taken: [number, Entry][]; through: number } {
    const taken: [number, Entry][] = [];
    let r = after + 1;
    if (r < this.low) return { taken, through: after };
    for (; taken.length < limit; r++) {
      const e = this.entries.get(r);
      if (!e) break;
      if (!wanted(e)) continue;
      if (!servable(e)) break;
      taken.push([r, e]);
    }
    return { taken, through: r - 1 };
  }

  /** Entries and bytes held (for tests). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
