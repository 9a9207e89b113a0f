// Writes audit events to D1 off the request path: events queue in this isolate and are written in
// batches (one D1 batch per flush) from ctx.waitUntil; old rows are pruned by age and count, like the
// change log's compaction.
import { sql } from 'drizzle-orm';
import type { Db } from '../store';
import { batch } from '../store/batch';
import { eventJson, type RecordedEvent } from './types';

export interface Retention {
  /** Events older than this are deleted. */
  maxAgeMs: number;
  /** At most this many newest events are kept. */
  maxEvents: number;
}

export const DEFAULT_RETENTION: Retention = { maxAgeMs: 7 * 86_400_000, maxEvents: 100_000 };
/** Events arriving within this time share one D1 batch. */
const BATCH_DELAY_MS = 20;
const MAX_BATCH = 200;
/** Rows deleted per statement, so writers are never blocked for long. */
const PRUNE_CHUNK = 1000;
const PRUNE_EVERY_MS = 60_000;
/** Beyond this many queued events (D1 unreachable) the oldest are dropped and counted. */
const MAX_QUEUED = 10_000;

export class AuditSink {
  private queue: { ev: RecordedEvent; ts: number }[] = [];
  private pending?: Promise<void>;
  private lastPrune = 0;
  dropped = 0;

  constructor(private retention: Retention = DEFAULT_RETENTION) {}

  /**
   * Queues an event. The request that starts a flush gets its promise (for ctx.waitUntil); later ones get
   * a resolved promise, since that flush drains whatever is queued until the queue is empty. (Handing one
   * request's promise to another request's waitUntil makes workerd warn and cancel the continuation.)
   */
  add(db: Db, ev: RecordedEvent, ts: number, retention?: Retention): Promise<void> {
    if (retention) this.retention = retention;
    if (this.queue.length >= MAX_QUEUED) {
      this.queue.shift();
      this.dropped++;
    }
    this.queue.push({ ev, ts });
    if (this.pending) return Promise.resolve();
    this.pending = new Promise<void>((r) => setTimeout(r, BATCH_DELAY_MS)).then(() => this.drain(db));
    return this.pending;
  }

  /** Writes whatever is queued now (the query endpoint calls it so a reader sees its own isolate's events). */
  async flush(db: Db): Promise<void> {
    if (this.pending) await this.pending;
    if (this.queue.length) await (this.pending ??= this.drain(db));
  }

  private async drain(db: Db): Promise<void> {
    for (;;) {
      while (this.queue.length) {
        const chunk = this.queue.splice(0, MAX_BATCH);
        try {
          await batch(db, chunk.map(({ ev, ts }) => insert(ev, ts)));
        } catch (err) {
          this.dropped += chunk.length;
          console.error(JSON.stringify({ msg: 'audit write failed', events: chunk.length, err: String(err) }));
        }
      }
      if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        await prune(db, this.retention).catch((err) => console.error(JSON.stringify({ msg: 'audit prune failed', err: String(err) })));
      }
      // Cleared in the same turn as the empty-queue check, so an event added later starts a new flush.
      if (!this.queue.length) {
        this.pending = undefined;
        return;
      }
    }
  }
}

function insert(ev: RecordedEvent, ts: number) {
  const o = ev.objectRef ?? {};
  const resource = o.resource ? (o.subresource ? `${o.resource}/${o.subresource}` : o.resource) : '';
  return sql`INSERT INTO audit_events (audit_id, stage, ts, user, verb, api_group, resource, namespace, name, code, event)
    VALUES (${ev.auditID}, ${ev.stage}, ${ts}, ${ev.user.username ?? ''}, ${ev.verb}, ${o.apiGroup ?? ''}, ${resource}, ${o.namespace ?? ''}, ${o.name ?? ''}, ${ev.responseStatus?.code ?? 0}, ${eventJson(ev)})`;
}

/** Deletes events outside the retention window, a chunk at a time; returns how many. */
export async function prune(db: Db, r: Retention, now = Date.now()): Promise<number> {
  let total = 0;
  for (;;) {
    const res = await db.run(sql`DELETE FROM audit_events WHERE id IN (
      SELECT id FROM audit_events WHERE ts < ${now - r.maxAgeMs} OR id <= (SELECT MAX(id) FROM audit_events) - ${r.maxEvents}
      ORDER BY id LIMIT ${PRUNE_CHUNK})`);
    const n = (res as unknown as D1Result).meta?.changes ?? 0;
    total += n;
    if (n < PRUNE_CHUNK) return total;
  }
}

/** One sink per isolate. */
export const auditSink = new AuditSink();
