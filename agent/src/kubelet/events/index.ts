// Events about pods, written as core/v1 Events (what `kubectl describe` lists for an object). Like
// client-go's recorder, a repeat of the same event bumps the existing object's count and lastTimestamp
// instead of creating another. Writes go out one at a time in the background; a failure is logged, never
// thrown into the pod worker.
import type { ApiClient } from '../../../../workers/kube/client';
import { StatusError } from '../../../../workers/kube/status';
import type { Log, Pod } from '../types';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorderOptions {
  api: ApiClient;
  nodeName: string;
  log?: Log;
  /** Repeats remembered (per event key) for aggregation; the oldest is forgotten first. */
  cacheSize?: number;
  /** Pending writes beyond this are dropped (an API outage must not grow memory without bound). */
  maxQueue?: number;
  /** Awaited before each write: lets more urgent writes (pod statuses) go first. */
  before?: () => Promise<void>;
}

interface Seen {
  name: string;
  namespace: string;
  count: number;
}

/** RFC 3339 with whole seconds, as metav1.Time serializes. */
const rfc3339 = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** The fieldPath of a container reference, as upstream's GenerateContainerRef. */
export function containerFieldPath(pod: Pod, container: string): string {
  if (pod.spec.initContainers?.some((c) => c.name === container)) return `spec.initContainers{${container}}`;
  return `spec.containers{${container}}`;
}

export class EventRecorder {
  private readonly seen = new Map<string, Seen>();
  private chain: Promise<void> = Promise.resolve();
  private queued = 0;
  private seq = 0;

  constructor(private readonly opts: EventRecorderOptions) {}

  /** Records an event about the pod, or one of its containers when `container` is given. */
  event(pod: Pod, container: string | undefined, type: EventType, reason: string, message: string): void {
    if (this.queued >= (this.opts.maxQueue ?? 1000)) return;
    const fieldPath = container ? containerFieldPath(pod, container) : undefined;
    const now = Date.now();
    this.queued++;
    this.chain = this.chain
      .then(() => this.opts.before?.())
      .then(() => this.write(pod, fieldPath, type, reason, message, now))
      .catch((e: unknown) => this.opts.log?.('event write failed', { pod: pod.metadata.name, reason, err: (e as Error).message }))
      .finally(() => this.queued--);
  }

  busy(): boolean {
    return this.queued > 0;
  }

  /** Resolves once every event recorded so far was written (or failed). */
  flush(): Promise<void> {
    return this.chain;
  }

  private async write(pod: Pod, fieldPath: string | undefined, type: EventType, reason: string, message: string, at: number): Promise<void> {
    const ns = pod.metadata.namespace ?? 'default';
    const key = [pod.metadata.uid, fieldPath ?? '', type, reason, message].join('\0');
    const prev = this.seen.get(key);
    if (prev) {
      this.seen.delete(key);
      try {
        await this.opts.api.patch(`/api/v1/namespaces/${encodeURIComponent(ns)}/events/${encodeURIComponent(prev.name)}`, { count: prev.count + 1, lastTimestamp: rfc3339(at) });
        this.remember(key, { ...prev, count: prev.count + 1 });
        return;
      } catch (e) {
        // Gone (expired by a TTL, deleted): start a new series below.
        if (!(e instanceof StatusError && e.code === 404)) throw e;
      }
    }
    // Upstream names events <object>.<unix nanos in hex>; the sequence keeps names unique within a millisecond.
    const name = `${pod.metadata.name}.${(BigInt(at) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
    await this.opts.api.create(`/api/v1/namespaces/${encodeURIComponent(ns)}/events`, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: {
        kind: 'Pod',
        namespace: ns,
        name: pod.metadata.name,
        uid: pod.metadata.uid,
        apiVersion: 'v1',
        ...(pod.metadata.resourceVersion ? { resourceVersion: pod.metadata.resourceVersion } : {}),
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: { component: 'kubelet', host: this.opts.nodeName },
      firstTimestamp: rfc3339(at),
      lastTimestamp: rfc3339(at),
      count: 1,
      type,
      reportingComponent: 'kubelet',
      reportingInstance: this.opts.nodeName,
    });
    this.remember(key, { name, namespace: ns, count: 1 });
  }

  private remember(key: string, s: Seen): void {
    this.seen.set(key, s);
    if (this.seen.size > (this.opts.cacheSize ?? 4096)) this.seen.delete(this.seen.keys().next().value as string);
  }
}
