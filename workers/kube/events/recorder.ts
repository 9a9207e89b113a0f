// Events as upstream's (core/v1) event recorder writes them, for every component that acts through
// the API (the scheduler, the controllers): similar events combined (EventAggregator), repeats counted
// on the first event (EventCorrelator), at most a burst of 25 per object and then one per 5 minutes
// (EventSpamFilter), new events sent in batches (EventBatchSender). Best effort, as upstream's: a failed
// event is counted, not retried, and a backlog beyond `maxPending` is dropped and counted rather than
// growing without bound while the API is slow.
import type { ApiClient } from '../client';
import { StatusError } from '../status';
import type { KObject } from '../registry/types';
import { EventAggregator } from './aggregator';
import { EventBatchSender } from './batch-sender';
import { EventCorrelator } from './correlator';
import { EventSpamFilter } from './spam-filter';

/** What a component reports about its events (the scheduler shows them on its /state). */
export interface EventCounters {
  eventErrors: number;
  eventsDropped: number;
  lastEventError?: string;
}

export interface EventRecorderOptions {
  /** source.component and reportingComponent, e.g. "default-scheduler". */
  component: string;
  /** Fields every event of this component carries besides the usual ones (e.g. reportingInstance, action). */
  extra?: Record<string, unknown>;
  counters?: EventCounters;
  /** How long a batch that is not full waits for more events (EventBatchSender's default when unset). */
  lingerMs?: number;
  /** Events queued or on their way beyond this are dropped (default 1,000). */
  maxPending?: number;
}

/** Count updates of repeated events in flight at once. */
const MAX_UPDATES = 8;

const timestamp = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

export class EventRecorder {
  private readonly aggregator = new EventAggregator();
  private readonly correlator = new EventCorrelator();
  private readonly spam = new EventSpamFilter();
  private readonly sender: EventBatchSender;
  readonly counters: EventCounters;
  private readonly maxPending: number;
  private updating = 0;
  private readonly waiting: (() => void)[] = [];
  private seq = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly options: EventRecorderOptions,
  ) {
    this.sender = new EventBatchSender(api, options.lingerMs);
    this.counters = options.counters ?? { eventErrors: 0, eventsDropped: 0 };
    this.maxPending = options.maxPending ?? 1_000;
  }

  /** Events queued or on their way. */
  get backlog(): number {
    return this.sender.backlog + this.updating + this.waiting.length;
  }

  /** Records one event about `obj`; resolves when it was written, counted or dropped. Never rejects. */
  async record(obj: KObject, type: string, reason: string, message: string): Promise<void> {
    if (this.backlog >= this.maxPending) {
      this.counters.eventsDropped++;
      return;
    }
    const now = Date.now();
    const ns = obj.metadata.namespace || 'default';
    const uid = obj.metadata.uid ?? `${ns}/${obj.metadata.name}`;
    const combined = this.aggregator.aggregate(uid, type, reason, message, now);
    const key = EventCorrelator.key(uid, reason, combined.correlateBy);
    const seen = this.correlator.repeat(key, now);
    if (!this.spam.allow(EventSpamFilter.key(this.options.component, uid), now)) return;
    if (seen) {
      // The message too: a combined event shows the latest of the messages it stands for.
      const outcome = await this.update(`/api/v1/namespaces/${seen.namespace}/events/${seen.name}`, { count: seen.count, lastTimestamp: timestamp(), message: combined.message });
      if (outcome === 'updated') return;
      this.correlator.forget(key);
      // Gone (compacted or deleted): upstream writes a new one. Any other failure was counted.
      if (outcome === 'failed') return;
    }
    // Named like upstream's recorder: <object>.<hex nanoseconds>.
    const name = `${obj.metadata.name}.${(BigInt(now) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
    const t = timestamp();
    const c = this.options.component;
    const r = await this.sender.send({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: { apiVersion: obj.apiVersion ?? 'v1', kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion },
      reason,
      message: combined.message,
      type,
      source: { component: c },
      reportingComponent: c,
      ...this.options.extra,
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
    });
    if (r.code === 201) this.correlator.remember(key, { name, namespace: ns, count: 1, at: now });
    else this.failed(r.message ?? `HTTP ${r.code}`);
  }

  /** A merge patch of an earlier event, at most MAX_UPDATES at once; a failure other than 404 is counted. */
  private async update(path: string, patch: Record<string, unknown>): Promise<'updated' | 'gone' | 'failed'> {
    while (this.updating >= MAX_UPDATES) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.updating++;
    try {
      const res = await this.api.request('PATCH', path, patch, 'application/merge-patch+json');
      await res.body?.cancel();
      return 'updated';
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) return 'gone';
      this.failed(e instanceof StatusError ? `HTTP ${e.code}: ${e.message}` : String((e as Error).message ?? e));
    } finally {
      this.updating--;
      this.waiting.shift()?.();
    }
    return 'failed';
  }

  private failed(err: string): void {
    this.counters.eventErrors++;
    this.counters.lastEventError = err;
  }
}
