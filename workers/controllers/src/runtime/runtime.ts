// One controller's loop inside its Durable Object: catch up on the change log after each resource's
// cursor (listing on a cold start), update the cache, queue the affected keys, reconcile them one at
// a time, and tell the caller when to wake up next. Level-triggered: after an eviction the cache is
// rebuilt from a list and every key is reconciled again.
import type { ApiClient } from '../../../kube/client';
import type { KObject } from '../../../kube/registry/types';
import { StatusError } from '../../../kube/status';
import { Cache, keyOf } from './cache';
import { Expectations } from './expectations';
import { noticingWrites } from './own-writes';
import { EventRecorder } from '../../../kube/events/recorder';
import { WorkQueue } from './queue';
import type { ControllerSpec, ReconcileContext, Watched } from './types';

const MAX_KEYS_PER_RUN = 500;
/** A round stops taking keys after this long and catches up again, so its cache stays this fresh. */
const ROUND_BUDGET_MS = 2_000;
const DEFAULT_RESYNC_MS = 5 * 60_000;
/**
 * A round reads only the resources it was poked for (and those it is not subscribed to), as an informer
 * per resource would; every resource is read at least this often anyway, in case a poke was lost.
 */
export const FULL_CATCH_UP_MS = 5_000;
/**
 * Resources followed without a subscription (`poke: false`: node Leases, 100 renewals a second at 1,000
 * nodes) are read at most this often, not on every round: a controller poked for pods many times a
 * second would otherwise read them as often. Upstream's node lifecycle controller looks at its nodes
 * every 5 s (--node-monitor-period).
 */
export const UNSUBSCRIBED_EVERY_MS = 1_000;

interface ChangeList {
  metadata: { resourceVersion: string; more: boolean };
  items: { type: string; revision: number; object: KObject }[];
}

export class ControllerRuntime {
  readonly cache = new Cache();
  readonly queue = new WorkQueue();
  readonly expectations = new Expectations();
  private readonly cursors = new Map<string, number>();
  /** Resources poked since their last catch-up. */
  private readonly dirty = new Set<string>();
  /** The newest revision each of them was poked for: a read for pokes alone needs the changes through it. */
  private readonly pokedRevision = new Map<string, number>();
  /** Resources this controller wrote since their last catch-up: read next round whatever the poke interval. */
  private readonly wrote = new Set<string>();
  /** The client reconciles use: it notes what they write (own-writes.ts). */
  private readonly reconcileApi: ApiClient;
  /** When each resource's change log was last read (for `pokeIntervalMs`). */
  private readonly lastRead = new Map<string, number>();
  private lastFullCatchUp = -Infinity;
  private lastUnsubscribed = -Infinity;
  private running: Promise<void> | undefined;
  private again = false;
  private lastResync = 0;
  private syncedAt = 0;
  reconciled = 0;
  errors = 0;
  /** Rounds run, and change-feed requests per resource (for /state: what following the log costs). */
  rounds = 0;
  readonly changeReads: Record<string, number> = {};
  private readonly recorder: EventRecorder;

  constructor(
    readonly spec: ControllerSpec,
    private readonly api: ApiClient,
    private readonly env?: Readonly<Record<string, unknown>>,
  ) {
    this.recorder = new EventRecorder(api, { component: spec.name });
    this.reconcileApi = noticingWrites(api, (resource) => this.wrote.add(resource));
  }

  /** A write to `resource` committed (at `revision`, when known): the next round reads its changes. */
  poked(resource: string, revision?: number): void {
    this.dirty.add(resource);
    if (revision !== undefined) this.pokedRevision.set(resource, Math.max(revision, this.pokedRevision.get(resource) ?? 0));
  }

  /** Runs the loop (coalescing concurrent calls); resolves when idle. Returns the next wake-up time. */
  async run(): Promise<number> {
    if (this.running) {
      this.again = true;
      await this.running;
      return this.nextWake();
    }
    // Started on the next microtask, so a run() made from inside the loop's first call finds it running.
    this.running = Promise.resolve()
      .then(() => this.loop())
      .finally(() => (this.running = undefined));
    await this.running;
    return this.nextWake();
  }

  private async loop() {
    do {
      this.again = false;
      const syncedAt = Date.now();
      // Before the reads: a poke arriving during them marks its resource for the next round.
      const full = syncedAt - this.lastFullCatchUp >= FULL_CATCH_UP_MS;
      const unsubscribed = full || syncedAt - this.lastUnsubscribed >= UNSUBSCRIBED_EVERY_MS;
      const due = this.spec.watches.filter((w) => full || (w.poke === false && unsubscribed) || (this.dirty.has(w.resource) && this.pokeDue(w, syncedAt)) || this.wrote.has(w.resource) || !this.cursors.has(w.resource));
      if (full) this.lastFullCatchUp = syncedAt;
      if (unsubscribed) this.lastUnsubscribed = syncedAt;
      // A read made for pokes alone needs the changes through the newest poked revision, which the API
      // may then serve from memory. Polls, first reads and reads after this controller's own writes
      // (whose revisions it does not track) read up to D1's newest revision.
      const atLeast = new Map<string, number | undefined>();
      for (const w of due) {
        const pokedOnly = !full && this.dirty.has(w.resource) && !this.wrote.has(w.resource) && !(w.poke === false && unsubscribed);
        atLeast.set(w.resource, pokedOnly ? this.pokedRevision.get(w.resource) : undefined);
        this.pokedRevision.delete(w.resource);
        this.dirty.delete(w.resource);
        this.wrote.delete(w.resource);
        this.lastRead.set(w.resource, syncedAt);
      }
      this.rounds++;
      for (const w of due) await this.catchUp(w, atLeast.get(w.resource));
      // The unsubscribed resources are current as of the start of the last round that read them.
      if (unsubscribed) this.syncedAt = syncedAt;
      const now = Date.now();
      if (now - this.lastResync >= (this.spec.resyncMs ?? DEFAULT_RESYNC_MS)) {
        this.lastResync = now;
        for (const o of this.cache.list(this.spec.watches[0].resource)) this.queue.add(keyOf(o));
      }
      const keys = this.queue.takeDue(Date.now(), MAX_KEYS_PER_RUN);
      const started = Date.now();
      for (const [i, key] of keys.entries()) {
        if (Date.now() - started > ROUND_BUDGET_MS) {
          // The rest go back (due now, ahead of newer keys) for the next round, after a fresh catch-up.
          for (const k of keys.slice(i)) this.queue.add(k, started);
          this.again = true;
          break;
        }
        await this.reconcileOne(key);
      }
      if (keys.length === MAX_KEYS_PER_RUN) this.again = true;
    } while (this.again);
  }

  private pokeDue(w: Watched, now: number): boolean {
    return !w.pokeIntervalMs || now - (this.lastRead.get(w.resource) ?? -Infinity) >= w.pokeIntervalMs;
  }

  private nextWake(): number {
    const resync = this.lastResync + (this.spec.resyncMs ?? DEFAULT_RESYNC_MS);
    let wake = Math.min(resync, this.queue.nextDue() ?? resync);
    // A poke held back by pokeIntervalMs is read when its interval ends.
    for (const w of this.spec.watches) if (this.dirty.has(w.resource) && w.pokeIntervalMs) wake = Math.min(wake, (this.lastRead.get(w.resource) ?? 0) + w.pokeIntervalMs);
    return Math.max(Date.now() + 10, wake);
  }

  private async catchUp(w: Watched, atLeast?: number) {
    let cursor = this.cursors.get(w.resource);
    if (cursor === undefined) {
      await this.relist(w);
      return;
    }
    for (;;) {
      let page: ChangeList;
      try {
        this.changeReads[w.resource] = (this.changeReads[w.resource] ?? 0) + 1;
        page = await this.api.get<ChangeList>(`/apis/kubeflare.dev/v1/changes?resource=${encodeURIComponent(w.resource)}&after=${cursor}&limit=1000${atLeast !== undefined ? `&atLeast=${atLeast}` : ''}`);
      } catch (e) {
        if (e instanceof StatusError && e.code === 410) {
          await this.relist(w);
          return;
        }
        throw e;
      }
      for (const item of page.items) {
        const old = this.cache.apply(w.resource, item.type, item.object);
        for (const k of this.spec.keysFor(w.resource, item.object, old, this.cache)) this.queue.add(k);
      }
      cursor = Number(page.metadata.resourceVersion);
      this.cursors.set(w.resource, cursor);
      if (!page.metadata.more) return;
    }
  }

  private async relist(w: Watched) {
    const list = await this.api.list<KObject>(w.listPath);
    const items = list.items.map((o) => o);
    const previous = this.cache.list(w.resource);
    this.cache.replace(w.resource, items);
    this.cursors.set(w.resource, Number(list.metadata.resourceVersion ?? '0'));
    for (const o of [...items, ...previous]) for (const k of this.spec.keysFor(w.resource, o, undefined, this.cache)) this.queue.add(k);
  }

  private async reconcileOne(key: string) {
    const ctx: ReconcileContext = {
      api: this.reconcileApi,
      cache: this.cache,
      expectations: this.expectations,
      now: Date.now(),
      syncedAt: this.syncedAt,
      env: this.env,
      event: (obj, type, reason, message) => void this.recorder.record(obj, type, reason, message),
    };
    try {
      const r = await this.spec.reconcile(key, ctx);
      this.reconciled++;
      this.queue.forget(key);
      if (r?.requeueAfterMs !== undefined) this.queue.addAfter(key, r.requeueAfterMs);
    } catch (e) {
      // A conflict only means another writer got there first: run again soon with fresh state,
      // without growing the back-off meant for real failures.
      if (e instanceof StatusError && e.code === 409) {
        this.queue.addAfter(key, 50);
        return;
      }
      this.errors++;
      console.error(JSON.stringify({ msg: 'reconcile failed', controller: this.spec.name, key, err: String((e as Error).message ?? e) }));
      this.queue.retry(key);
    }
  }
}
