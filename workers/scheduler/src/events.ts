// Events go out beside the scheduling work, as upstream's event broadcaster sends them: a binding's
// concurrency slot (and the end of a turn) does not wait for its Scheduled event, at most LIMIT event
// writes are in flight, and a backlog beyond MAX_PENDING is dropped and counted (as upstream drops
// events when its queue is full) rather than growing without bound while the API is slow.
import type { ApiClient } from '../../kube/client';
import { event, eventName, repeatEvent } from './actions';
import type { Pod } from './framework';

const LIMIT = 8;
const MAX_PENDING = 1_000;
/** Repeats of the same event (same pod, reason and message) within this window raise its count. */
const AGGREGATE_MS = 10 * 60_000;
const MAX_REMEMBERED = 4_096;

interface Written {
  name: string;
  namespace: string;
  count: number;
  at: number;
}

export interface EventCounters {
  eventErrors: number;
  eventsDropped: number;
  lastEventError?: string;
}

export class EventRecorder {
  private readonly pending: (() => Promise<void>)[] = [];
  private running = 0;
  /** Recent events by pod uid + reason + message, so an unschedulable pod's retries do not add objects. */
  private readonly written = new Map<string, Written>();

  constructor(
    private readonly api: ApiClient,
    private readonly counters: EventCounters,
  ) {}

  record(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (this.pending.length >= MAX_PENDING) {
      this.counters.eventsDropped++;
      return;
    }
    const key = `${pod.metadata.uid ?? pod.metadata.name}\u0000${reason}\u0000${message}`;
    const now = Date.now();
    const seen = this.written.get(key);
    this.pending.push(async () => {
      let err: string | undefined;
      if (seen && now - seen.at < AGGREGATE_MS) {
        seen.count++;
        seen.at = now;
        err = await repeatEvent(this.api, seen.namespace, seen.name, seen.count);
        if (err === 'gone') this.written.delete(key);
      } else {
        const name = eventName(pod);
        err = await event(this.api, pod, type, reason, message, name);
        if (err === undefined) this.remember(key, { name, namespace: pod.metadata.namespace || 'default', count: 1, at: now });
      }
      if (err === undefined || err === 'gone') return;
      this.counters.eventErrors++;
      this.counters.lastEventError = err;
    });
    this.pump();
  }

  private remember(key: string, w: Written): void {
    this.written.delete(key);
    this.written.set(key, w);
    // Oldest first (insertion order): forget beyond the cap.
    while (this.written.size > MAX_REMEMBERED) this.written.delete(this.written.keys().next().value!);
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
