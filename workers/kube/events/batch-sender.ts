// Sends core/v1 Event creates through the API's batch endpoint (POST /apis/kubeflare.dev/v1/events):
// events queue here and go out up to MAX_BATCH per request, at most MAX_IN_FLIGHT requests at a time,
// so a burst of a thousand Scheduled or SuccessfulCreate events costs a few requests rather than a
// thousand. A batch that is not full waits up to `lingerMs` for more (events are not latency-critical,
// and a steady trickle, one pod scheduled every 10 ms, would otherwise be one request per event).
import type { ApiClient } from '../client';

export const MAX_BATCH = 200;
const MAX_IN_FLIGHT = 2;
export const DEFAULT_LINGER_MS = 100;

/** An event's fate: 201, or the Status code its single create would have had; 0 when the request failed as a whole. */
export interface EventSendResult {
  code: number;
  message?: string;
}

/** A core/v1 Event; metadata.namespace says where it is created. */
export type EventObject = { metadata: { namespace: string; name?: string; generateName?: string } } & Record<string, unknown>;

interface Queued {
  event: EventObject;
  resolve: (r: EventSendResult) => void;
}

export class EventBatchSender {
  private readonly queue: Queued[] = [];
  private inFlight = 0;
  private inFlightEvents = 0;
  private lingering?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly api: ApiClient,
    private readonly lingerMs = DEFAULT_LINGER_MS,
  ) {}

  /** Queues one Event (with metadata.namespace); resolves when the API answered for it. Never rejects. */
  send(event: EventObject): Promise<EventSendResult> {
    return new Promise((resolve) => {
      this.queue.push({ event, resolve });
      this.pump();
    });
  }

  /** Events queued or on their way. */
  get backlog(): number {
    return this.queue.length + this.inFlightEvents;
  }

  private pump(lingered = false): void {
    if (!lingered && this.lingerMs > 0 && this.queue.length > 0 && this.queue.length < MAX_BATCH) {
      this.lingering ??= setTimeout(() => {
        this.lingering = undefined;
        this.pump(true);
      }, this.lingerMs);
      return;
    }
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      this.inFlightEvents += batch.length;
      void this.post(batch).finally(() => {
        this.inFlight--;
        this.inFlightEvents -= batch.length;
        // What queued meanwhile has waited at least this request's time already.
        this.pump(true);
      });
    }
  }

  private async post(batch: Queued[]): Promise<void> {
    try {
      const res = await this.api.create<{ items?: EventSendResult[] }>('/apis/kubeflare.dev/v1/events', { apiVersion: 'kubeflare.dev/v1', kind: 'EventList', items: batch.map((q) => q.event) });
      const items = res.items ?? [];
      batch.forEach((q, i) => q.resolve(items[i] ?? { code: 0, message: 'no result for this event' }));
    } catch (e) {
      const message = String((e as Error).message ?? e);
      for (const q of batch) q.resolve({ code: 0, message });
    }
  }
}
