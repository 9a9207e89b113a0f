// Events go out beside the scheduling work, as upstream's event broadcaster sends them: a binding's
// concurrency slot (and the end of a turn) does not wait for its Scheduled event, at most LIMIT event
// writes are in flight, and a backlog beyond MAX_PENDING is dropped and counted (as upstream drops
// events when its queue is full) rather than growing without bound while the API is slow.
import type { ApiClient } from '../../kube/client';
import { EventCorrelator } from '../../kube/events/correlator';
import { event, eventName, repeatEvent } from './actions';
import type { Pod } from './framework';

const LIMIT = 8;
const MAX_PENDING = 1_000;

export interface EventCounters {
  eventErrors: number;
  eventsDropped: number;
  lastEventError?: string;
}

export class EventRecorder {
  private readonly pending: (() => Promise<void>)[] = [];
  private running = 0;
  /** Recent events, so an unschedulable pod's retries raise a count rather than add objects. */
  private readonly correlator = new EventCorrelator();

  constructor(
    private readonly api: ApiClient,
    private readonly counters: EventCounters,
  ) {}

  record(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (this.pending.length >= MAX_PENDING) {
      this.counters.eventsDropped++;
      return;
    }
    const key = EventCorrelator.key(pod.metadata.uid ?? pod.metadata.name ?? '', reason, message);
    const now = Date.now();
    const seen = this.correlator.repeat(key, now);
    this.pending.push(async () => {
      let err: string | undefined;
      if (seen) {
        err = await repeatEvent(this.api, seen.namespace, seen.name, seen.count);
        if (err === 'gone') this.correlator.forget(key);
      } else {
        const name = eventName(pod);
        err = await event(this.api, pod, type, reason, message, name);
        if (err === undefined) this.correlator.remember(key, { name, namespace: pod.metadata.namespace || 'default', count: 1, at: now });
      }
      if (err === undefined || err === 'gone') return;
      this.counters.eventErrors++;
      this.counters.lastEventError = err;
    });
    this.pump();
  }

  get backlog(): number {
    return this.pending.length + this.running;
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
