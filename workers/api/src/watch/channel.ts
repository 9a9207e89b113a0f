// WatchChannel: one Durable Object per resource type. After a commit the API worker pokes it; it reads
// the change log after its cursor and fans each change out to the watchers whose selectors match.
// The change log in D1 is the truth: a poke is only a hint, and an alarm polls while watchers exist.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import { PokeCoalescer } from './coalesce';
import { compactedRevision, currentRevision, dbOf, listObjects, readChanges } from '../store';
import { PreparedEvent, encodeLine } from './events';
import { compileSelectors, decodeWatchParams, type WatchParams } from './params';
import { type EventPrinter, Watcher } from './watcher';
import { tableEventStream } from '../../../kube/printers';
import { builtinRegistry } from '../registry';
import { currentRegistry } from '../registry/current';
import { TABLE_CONTENT_TYPE } from '../request/table';
import { matchesFields } from '../../../kube/selectors/fields';
import { matchesLabels } from '../../../kube/selectors/labels';
import { rowFields } from '../handlers/selectors';
import { StatusError } from '../../../kube/status';

const BATCH = 500;
/** Recent changes kept in memory so new watchers close to "now" catch up without reading D1. */
const RECENT = 5_000;
/** An idle stream gets a BOOKMARK (or a blank line) this often, which also reveals dead clients. */
const HEARTBEAT_MS = 30_000;

export interface Subscriber {
  /** Name of a Durable Object namespace binding on the api worker, e.g. "SCHEDULER" (or of its service, `SCHEDULER_SERVICE`). */
  binding: string;
  /** Name of the object (idFromName). */
  name: string;
  /**
   * Pokes to it start at least this far apart (ms): a subscriber that reads the change log at most so
   * often anyway (controllers' pokeIntervalMs) is not sent a Durable Object call per write.
   */
  minGapMs?: number;
}

export class WatchChannel extends DurableObject<Env> {
  private resource = '';
  private cursor = -1;
  /** The newest revision a poke announced: the pump needs the changes through it. */
  private poked = 0;
  /** Where the pump's reads were served from (stats: tests and operators). */
  private readonly reads = { tail: 0, d1: 0 };
  private readonly watchers = new Set<Watcher>();
  private pending: Watcher[] = [];
  private recent: PreparedEvent[] = [];
  /** `recent` holds every change of this resource with revision > recentFloor. */
  private recentFloor = -1;
  private pumping = false;
  private again = false;
  private subscribers?: Subscriber[];
  private readonly subscriberPokes = new PokeCoalescer();

  override async fetch(request: Request): Promise<Response> {
    const params = decodeWatchParams(request.url);
    this.resource = params.resource;
    const stream: TransformStream<Uint8Array, Uint8Array> = new IdentityTransformStream();
    const watcher = new Watcher(params, compileSelectors(params), stream.writable.getWriter(), (w) => this.watchers.delete(w));
    if (params.table) watcher.printer = await this.printerFor(params);
    this.watchers.add(watcher);
    this.pending.push(watcher);
    this.kick();
    await this.ensureAlarm();
    return new Response(stream.readable, {
      // identity: a compressing proxy (Cloudflare's edge, Miniflare's entry worker) would otherwise gzip
      // the stream for clients sending Accept-Encoding: gzip (kubectl, client-node) and hold events back.
      headers: { 'Content-Type': params.table ? TABLE_CONTENT_TYPE : 'application/json', 'Content-Encoding': 'identity', 'Cache-Control': 'no-cache, private', 'X-Content-Type-Options': 'nosniff' },
    });
  }

  /** A write committed `revision` for `resource`. */
  async poke(revision: number, resource?: string): Promise<void> {
    if (resource) this.resource = resource;
    this.poked = Math.max(this.poked, revision);
    if (this.watchers.size > 0 && revision > this.cursor) this.kick();
    await this.pokeSubscribers(revision);
  }

  /** Registers a Durable Object to be poked after every write to this resource (again: updates its minGapMs). */
  async subscribe(sub: Subscriber, resource: string): Promise<void> {
    this.resource = resource;
    const subs = await this.loadSubscribers();
    const i = subs.findIndex((s) => s.binding === sub.binding && s.name === sub.name);
    if (i >= 0 && (subs[i].minGapMs ?? 0) === (sub.minGapMs ?? 0)) return;
    if (i >= 0) subs[i] = sub;
    else subs.push(sub);
    await this.ctx.storage.put('subscribers', subs);
  }

  /** For operators and tests: how many streams are open, where the channel is, where its reads came from. */
  async stats(): Promise<{ watchers: number; cursor: number; reads: { tail: number; d1: number } }> {
    return { watchers: this.watchers.size, cursor: this.cursor, reads: { ...this.reads } };
  }

  override async alarm(): Promise<void> {
    if (this.watchers.size === 0) return;
    this.kick();
    const now = Date.now();
    for (const w of [...this.watchers]) {
      if (now >= w.deadline) w.close();
      else if (w.live && now - w.lastWrite >= HEARTBEAT_MS) w.write(w.params.bookmarks ? this.bookmark(w.params, w.pos) : encodeLine('\n'));
    }
    await this.ensureAlarm();
  }

  private async ensureAlarm() {
    if (this.watchers.size === 0) return;
    const poll = Number(this.env.WATCH_POLL_MS ?? '1000');
    const at = await this.ctx.storage.getAlarm();
    if (at === null) await this.ctx.storage.setAlarm(Date.now() + poll);
  }

  private kick() {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    this.ctx.waitUntil(this.pump());
  }

  /** The single delivery loop: all reads and writes to streams happen here, in revision order. */
  private async pump() {
    const db = dbOf(this.env);
    try {
      do {
        this.again = false;
        if (this.cursor < 0) {
          this.cursor = await currentRevision(db);
          this.recentFloor = this.cursor;
        }
        for (const w of this.pending.splice(0)) await this.start(w).catch((err) => this.fail(w, err));
        // A poke for a revision this isolate's change tail reaches is served from it: every revision up
        // to `through` is known, so the cursor moves there. Polls (a poke may have been lost, or come from
        // another isolate) and gaps in the tail read D1.
        const held = this.poked > this.cursor ? db.tail.readRows(this.resource, this.cursor, BATCH) : undefined;
        const fromTail = held && held.through >= this.poked ? held : undefined;
        this.reads[fromTail ? 'tail' : 'd1']++;
        const rows = fromTail ? fromTail.rows : await readChanges(db, { resource: this.resource, after: this.cursor, limit: BATCH });
        if (fromTail && rows.length < BATCH) this.cursor = fromTail.through;
        if (rows.length === 0) continue;
        const events = rows.map((r) => PreparedEvent.fromChange(r));
        this.cursor = Math.max(this.cursor, rows[rows.length - 1].revision);
        this.remember(events);
        for (const w of this.watchers) if (w.live) this.deliver(w, events);
        if (rows.length === BATCH) this.again = true;
      } while (this.again || this.pending.length > 0);
    } catch (err) {
      console.error(JSON.stringify({ msg: 'watch pump failed', resource: this.resource, err: String(err) }));
      // Leave the watchers in place; the next poke or poll retries.
    } finally {
      this.pumping = false;
    }
  }

  /** Brings a new watcher up to the channel's cursor: initial state or catch-up from the log. */
  private async start(w: Watcher) {
    if (w.closed) return;
    const db = dbOf(this.env);
    const p = w.params;
    if (p.initial) {
      const list = await listObjects(db, { resource: this.resource, namespace: p.namespace });
      for (const row of list.rows) {
        if (!matchesLabels(w.selectors.labels, JSON.parse(row.labels))) continue;
        if (!matchesFields(w.selectors.fields, rowFields(row.fields, row.namespace, row.name))) continue;
        w.event('ADDED', row.json, () => encodeLine(`{"type":"ADDED","object":${row.json}}\n`));
      }
      w.pos = list.revision;
      if (p.initialEndBookmark) w.write(this.bookmark(p, w.pos, true));
    } else {
      w.pos = p.resourceVersion ?? this.cursor;
      if (p.resourceVersion !== undefined && (await this.expireIfCompacted(w, p.resourceVersion))) return;
    }
    // Catch up on changes between the watcher's position and the channel's cursor.
    while (w.pos < this.cursor && !w.closed) {
      if (this.recentFloor >= 0 && w.pos >= this.recentFloor) {
        this.deliver(w, this.recent.filter((e) => e.revision > w.pos));
        w.pos = this.cursor;
        break;
      }
      const rows = await readChanges(db, { resource: this.resource, after: w.pos, upTo: this.cursor, limit: BATCH });
      if (rows.length === 0) {
        w.pos = this.cursor;
        break;
      }
      this.deliver(w, rows.map((r) => PreparedEvent.fromChange(r)));
      w.pos = Math.max(w.pos, rows[rows.length - 1].revision);
      if (rows.length < BATCH) w.pos = this.cursor;
    }
    // Checked again after reading: compaction racing the catch-up may have removed rows it needed.
    if (!p.initial && p.resourceVersion !== undefined && (await this.expireIfCompacted(w, p.resourceVersion))) return;
    w.live = true;
  }

  /**
   * A watcher whose start failed on its own data (a Secret this key list cannot decrypt) gets an ERROR
   * event and ends, as upstream's watch does; other watchers go on. Anything else is the pump's to retry.
   */
  private fail(w: Watcher, err: unknown) {
    if (!(err instanceof StatusError)) throw err;
    w.write(encodeLine(`${JSON.stringify({ type: 'ERROR', object: err.toStatus() })}\n`));
    w.close();
  }

  /** A watch from a revision the log no longer holds ends with a 410 Expired ERROR event. */
  private async expireIfCompacted(w: Watcher, rv: number): Promise<boolean> {
    const compacted = await compactedRevision(dbOf(this.env));
    if (rv >= compacted) return false;
    w.write(encodeLine(`${JSON.stringify(expiredEvent(rv, compacted))}\n`));
    w.close();
    return true;
  }

  /** Table rendering for `kubectl get -w`: the kind's printer (CRD kinds: their printer columns). */
  private async printerFor(p: WatchParams): Promise<EventPrinter | undefined> {
    const [group, version] = p.apiVersion.includes('/') ? p.apiVersion.split('/') : ['', p.apiVersion];
    const def = builtinRegistry.findKind(group, version, p.kind) ?? (await currentRegistry(dbOf(this.env))).findKind(group, version, p.kind);
    if (!def) return undefined;
    return tableEventStream(def, { includeObject: p.table?.includeObject, printerColumns: def.printerColumns });
  }

  private deliver(w: Watcher, events: PreparedEvent[]) {
    for (const e of events) {
      if (e.revision <= w.pos) continue;
      const type = e.typeFor(w.selectors, w.params.namespace);
      if (type) w.event(type, e.json, () => e.line(type));
      if (w.closed) return;
    }
    const last = events[events.length - 1];
    if (last && last.revision > w.pos) w.pos = last.revision;
  }

  private remember(events: PreparedEvent[]) {
    this.recent.push(...events);
    if (this.recent.length > RECENT) {
      const drop = this.recent.length - RECENT;
      this.recentFloor = this.recent[drop - 1].revision;
      this.recent = this.recent.slice(drop);
    }
  }

  private bookmark(p: WatchParams, rev: number, initialEnd = false): Uint8Array {
    const metadata: Record<string, unknown> = { resourceVersion: String(rev) };
    if (initialEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    return encodeLine(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: p.kind, apiVersion: p.apiVersion, metadata } })}\n`);
  }

  private async loadSubscribers(): Promise<Subscriber[]> {
    if (!this.subscribers) this.subscribers = (await this.ctx.storage.get<Subscriber[]>('subscribers')) ?? [];
    return this.subscribers;
  }

  /** Pokes every subscriber, coalesced per subscriber (watch/coalesce.ts) as the API coalesces its pokes here. */
  private async pokeSubscribers(revision: number) {
    const subs = await this.loadSubscribers();
    for (const s of subs) {
      const send = subscriberPoke(this.env as unknown as Record<string, unknown>, s, this.resource);
      if (send) this.ctx.waitUntil(this.subscriberPokes.poke(`${s.binding}/${s.name}`, revision, send, s.minGapMs));
    }
  }
}

/**
 * How a subscriber is poked: through its Durable Object namespace binding (on Cloudflare, and when one
 * workerd runs every worker), or else through the service binding `<binding>_SERVICE` to its worker,
 * which forwards `POST /poke` to the object (the local stack's components in a workerd of their own).
 */
function subscriberPoke(env: Record<string, unknown>, s: Subscriber, resource: string): ((revision: number) => Promise<void>) | undefined {
  const ns = env[s.binding] as DurableObjectNamespace | undefined;
  if (ns) {
    const stub = ns.get(ns.idFromName(s.name)) as unknown as { poke(resource: string, revision: number): Promise<void> };
    return (rev) => stub.poke(resource, rev).catch(() => undefined);
  }
  const service = env[`${s.binding}_SERVICE`] as Fetcher | undefined;
  if (!service) return undefined;
  return async (rev) => {
    const q = new URLSearchParams({ name: s.name, resource, revision: String(rev) });
    try {
      const res = await service.fetch(`http://subscriber.internal/poke?${q}`, { method: 'POST' });
      await res.body?.cancel();
    } catch {
      // A lost poke is caught up by the subscriber's own alarm.
    }
  };
}

function expiredEvent(rv: number, compacted: number) {
  return {
    type: 'ERROR',
    object: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `too old resource version: ${rv} (${compacted + 1})`,
      reason: 'Expired',
      code: 410,
    },
  };
}
