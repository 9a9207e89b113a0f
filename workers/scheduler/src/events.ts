// Events go out beside the scheduling work, as upstream's event broadcaster sends them: a binding's
// concurrency slot (and the end of a turn) does not wait for its Scheduled event, new events go out in
// batches through the API's batch endpoint (EventBatchSender), at most LIMIT count updates are in
// flight, and a backlog beyond MAX_PENDING is dropped and counted (as upstream drops events when its
// queue is full) rather than growing without bound while the API is slow.
import type { ApiClient } from '../../kube/client';
import { EventCorrelator } from '../../kube/events/correlator';
import { EventBatchSender } from '../../kube/events/batch-sender';
import { eventBody, eventName, repeatEvent } from './actions';
import type { Pod } from './framework';

const LIMIT = 8;
const MAX_PENDING = 1_000;

export interface EventCounters {
  eventErrors: number;
  eventsDropped: number;
  lastEventError?: string;
}

export class EventRecorder {
  /** Count updates of repeated events (PATCHes, one by one). */
  private readonly pending: (() => Promise<void>)[] = [];
  private running = 0;
  /** Recent events, so an unschedulable pod's retries raise a count rather than add objects. */
  private readonly correlator = new EventCorrelator();
  private readonly sender: EventBatchSender;

  constructor(
    private readonly api: ApiClient,
    private readonly counters: EventCounters,
  ) {
    this.sender = new EventBatchSender(api);
  }

  record(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (this.backlog >= MAX_PENDING) {
      this.counters.eventsDropped++;
      return;
    }
    const key = EventCorrelator.key(pod.metadata.uid ?? pod.metadata.name ?? '', reason, message);
    const now = Date.now();
    const seen = this.correlator.repeat(key, now);
    if (seen) {
      this.pending.push(async () => {
        const err = await repeatEvent(this.api, seen.namespace, seen.name, seen.count);
        if (err === 'gone') this.correlator.forget(key);
        else if (err !== undefined) this.failed(err);
      });
      this.pump();
      return;
    }
    const name = eventName(pod);
    void this.sender.send(eventBody(pod, type, reason, message, name)).then((r) => {
      if (r.code === 201) this.correlator.remember(key, { name, namespace: pod.metadata.namespace || 'default', count: 1, at: now });
      else this.failed(r.message ?? `HTTP ${r.code}`); // best effort: counted, never retried
    });
  }

  get backlog(): number {
    return this.pending.length + this.running + this.sender.backlog;
  }

  private failed(err: string): void {
    this.counters.eventErrors++;
    this.counters.lastEventError = err;
  }

  private pump(): void {
    while (this.running < LIMIT && this.pending.length > 0) {
      const task = this.pending.shift()!;
      this.running++;
      void task()
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }
}
