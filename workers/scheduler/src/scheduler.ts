// The Scheduler Durable Object: woken by watch-channel pokes for pods and nodes (and its alarm, which
// also covers a lost poke), it catches up on the change log, then schedules a batch of pods. All state
// is memory rebuilt from the API after an eviction: the API's binding compare-and-swap keeps a pod from
// being bound twice, and a pod whose binding was lost is still pending in the relist, so it is retried.
import { DurableObject } from 'cloudflare:workers';
import { ApiClient } from '../../kube/client';
import { yieldingFetch } from '../../kube/event-loop/yield';
import { COMPONENT } from './actions';
import { CLAIMS, CLASSES, NAMESPACES, NODES, PDBS, PODS, SchedulerCache, VOLUMES } from './cache';
import { Feed } from './cache/feed';
import { EventRecorder } from '../../kube/events/recorder';
import { scheduleBatch, type Counters } from './cycle';
import type { SchedulerEnv } from './env';
import { defaultProfile } from './framework';
import { SchedulingQueue } from './queue';

/** One turn's budget: pods are taken until then, and in-flight API calls finish after. */
const TURN_MS = 1_000;
/** The alarm's poll when nothing is due: bounds the delay a lost poke can cause. */
const POLL_MS = 10_000;
/** PDBs and namespaces are not subscribed to; they are read at most this often while pods wait. */
const EXTRAS_MS = 5_000;
/** Resources subscribed to (pokes) and always followed. */
const FOLLOWED = [PODS, NODES];

export class Scheduler extends DurableObject<SchedulerEnv> {
  private readonly queue = new SchedulingQueue();
  private readonly cache = new SchedulerCache(this.queue);
  private readonly api: ApiClient;
  private readonly feed: Feed;
  private readonly events: EventRecorder;
  private readonly profile = defaultProfile();
  private readonly counters: Counters = { attempts: 0, bound: 0, conflicts: 0, unschedulable: 0, errors: 0, preemptions: 0, eventErrors: 0, eventsDropped: 0 };
  private readonly dirty = new Set<string>(FOLLOWED);
  private running?: Promise<void>;
  private again = false;
  private extrasAt = 0;
  private turns = 0;
  private lastPoke: { resource: string; revision: number } | null = null;
  /** The newest revision poked since the last feed read, unless a poll asked for everything. */
  private pokedRevision: number | undefined;
  private polled = false;
  private lastError?: string;

  constructor(ctx: DurableObjectState, env: SchedulerEnv) {
    super(ctx, env);
    // Calls yield to I/O at most every 10 ms, so a burst of bindings never starves the API's external clients.
    const api = new ApiClient({ fetch: yieldingFetch((r) => this.env.API.fetch(r)), baseUrl: 'https://api.internal', token: env.API_TOKEN, userAgent: `kube-scheduler/kubeflare (${COMPONENT})` });
    this.feed = new Feed(api, this.cache);
    this.api = api;
    this.events = new EventRecorder(api, { component: COMPONENT, extra: { reportingInstance: COMPONENT, action: 'Scheduling' }, counters: this.counters });
  }

  /** Subscribes to pods and nodes (once) and runs a turn. Idempotent: the cron calls it every minute. */
  async ensure(): Promise<void> {
    if (!(await this.ctx.storage.get<boolean>('subscribed'))) {
      for (const resource of FOLLOWED) await this.api.create('/apis/kubeflare.dev/v1/subscriptions', { resource, binding: 'SCHEDULER', name: 'default' });
      await this.ctx.storage.put('subscribed', true);
    }
    this.ctx.waitUntil(this.kick());
  }

  /** A write to a followed resource committed `revision`. */
  async poke(resource: string, revision: number): Promise<void> {
    this.lastPoke = { resource, revision };
    this.pokedRevision = Math.max(this.pokedRevision ?? 0, revision);
    this.dirty.add(resource);
    this.ctx.waitUntil(this.kick());
  }

  override async alarm(): Promise<void> {
    // A poll reads everything up to D1's newest revision (a poke may have been lost).
    this.polled = true;
    for (const r of FOLLOWED) this.dirty.add(r);
    await this.kick();
  }

  /** Drops this instance as an eviction would: everything in memory is lost, storage and alarm stay. */
  async restart(): Promise<void> {
    this.ctx.abort('restart requested');
  }

  async state() {
    return {
      component: 'scheduler',
      lastPoke: this.lastPoke,
      turns: this.turns,
      queue: this.queue.stats,
      nodes: this.cache.snapshot.nodes.length,
      relists: this.feed.relists,
      changes: this.feed.changes,
      lastError: this.lastError,
      eventBacklog: this.events.backlog,
      ...this.counters,
    };
  }

  /** Runs one turn, coalescing concurrent wake-ups into a single follow-up turn; then arms the alarm. */
  private kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        const deadline = Date.now() + TURN_MS;
        do {
          this.again = false;
          await this.turn(deadline);
        } while (this.again && Date.now() < deadline);
      } catch (e) {
        this.lastError = String((e as Error).message ?? e);
        console.error(JSON.stringify({ msg: 'scheduler turn failed', err: this.lastError }));
      } finally {
        this.running = undefined;
      }
      await this.arm();
    })();
    return this.running;
  }

  private async turn(deadline: number): Promise<void> {
    this.turns++;
    // Pods and nodes together, whichever was poked: pokes arrive in any order, and a pod must not be
    // judged against a node list older than itself (a node created just before it).
    this.queue.flush();
    if (this.dirty.size > 0 || this.queue.stats.active > 0) {
      this.dirty.clear();
      // Only pokes since the last read: the changes through the newest one are all this turn needs.
      const atLeast = this.polled ? undefined : this.pokedRevision;
      this.pokedRevision = undefined;
      this.polled = false;
      await this.feed.catchUp(FOLLOWED, atLeast);
    }
    const { active, unschedulable } = this.queue.stats;
    if (active === 0 && unschedulable === 0) return;
    if (Date.now() >= this.extrasAt) {
      this.extrasAt = Date.now() + EXTRAS_MS;
      // A claim created or bound since may release unschedulable pods (a VolumeChange event).
      await this.feed.catchUp([PDBS, NAMESPACES, CLAIMS, VOLUMES, CLASSES]);
    }
    if (this.queue.stats.active === 0) return;
    await scheduleBatch({ api: this.api, cache: this.cache, queue: this.queue, profile: this.profile, counters: this.counters, events: this.events }, deadline);
  }

  /** Next wake-up: at once when work is left (a fresh turn, not this one held longer), else what is due. */
  private async arm(): Promise<void> {
    const now = Date.now();
    let next = now + POLL_MS;
    if (this.again || this.queue.stats.active > 0) next = now + 10;
    const due = this.queue.nextDue();
    if (due !== undefined) next = Math.min(next, Math.max(now + 10, due));
    const at = await this.ctx.storage.getAlarm();
    if (at === null || at > next) await this.ctx.storage.setAlarm(next);
  }
}
