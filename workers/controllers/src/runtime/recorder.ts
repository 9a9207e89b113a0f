// Events from a controller, recorded as upstream's event recorder does: similar events combined
// (EventAggregator), repeats counted on the first event (EventCorrelator), at most a burst of 25 per
// object and then one per 5 minutes (EventSpamFilter), new events sent in batches (EventBatchSender).
// Best effort, as upstream's: a failed event is not retried.
import type { ApiClient } from '../../../kube/client';
import { EventAggregator } from '../../../kube/events/aggregator';
import { EventBatchSender } from '../../../kube/events/batch-sender';
import { EventCorrelator } from '../../../kube/events/correlator';
import { EventSpamFilter } from '../../../kube/events/spam-filter';
import type { KObject } from '../../../kube/registry/types';

const timestamp = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

export class ControllerEventRecorder {
  private readonly aggregator = new EventAggregator();
  private readonly correlator = new EventCorrelator();
  private readonly spam = new EventSpamFilter();
  private readonly sender: EventBatchSender;
  private seq = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly component: string,
    lingerMs?: number,
  ) {
    this.sender = new EventBatchSender(api, lingerMs);
  }

  /** Records one event about `obj`; resolves when it was written, counted or dropped. */
  async record(obj: KObject, type: string, reason: string, message: string): Promise<void> {
    const now = Date.now();
    const ns = obj.metadata.namespace || 'default';
    const uid = obj.metadata.uid ?? `${ns}/${obj.metadata.name}`;
    const combined = this.aggregator.aggregate(uid, type, reason, message, now);
    const key = EventCorrelator.key(uid, reason, combined.correlateBy);
    const seen = this.correlator.repeat(key, now);
    if (!this.spam.allow(EventSpamFilter.key(this.component, uid), now)) return;
    if (seen) {
      try {
        // The message too: a combined event shows the latest of the messages it stands for.
        await this.api.patch(`/api/v1/namespaces/${seen.namespace}/events/${seen.name}`, { count: seen.count, lastTimestamp: timestamp(), message: combined.message });
        return;
      } catch {
        this.correlator.forget(key); // gone (compacted or deleted): write a new one
      }
    }
    // Named like upstream's recorder: <object>.<hex nanoseconds>.
    const name = `${obj.metadata.name}.${(BigInt(now) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
    const t = timestamp();
    const r = await this.sender.send({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: { apiVersion: obj.apiVersion ?? 'v1', kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion },
      reason,
      message: combined.message,
      type,
      source: { component: this.component },
      reportingComponent: this.component,
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
    });
    if (r.code === 201) this.correlator.remember(key, { name, namespace: ns, count: 1, at: now });
  }
}
