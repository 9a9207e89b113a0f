// Pushes this node's metrics sample to the API every interval (15 s by default, metrics-server's
// resolution): PUT /apis/kubeflare.dev/v1/nodes/<node>/metrics with the node's own credential. A failed
// push is logged and the next interval simply sends a fresh sample: metrics are never queued.
import type { ApiClient } from '../../../workers/kube/client';
import type { NodeSample } from './collector';

export interface PusherOptions {
  api: ApiClient;
  nodeName: string;
  collect: () => Promise<NodeSample | undefined>;
  intervalMs?: number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

export const DEFAULT_PUSH_INTERVAL_MS = 15_000;

export const metricsPath = (nodeName: string) => `/apis/kubeflare.dev/v1/nodes/${encodeURIComponent(nodeName)}/metrics`;

export class MetricsPusher {
  private timer?: NodeJS.Timeout;
  private inflight?: Promise<void>;
  pushed = 0;
  failed = 0;

  constructor(private readonly opts: PusherOptions) {}

  start(): void {
    if (this.timer) return;
    // The first round primes the cpu counters; samples follow every interval.
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs ?? DEFAULT_PUSH_INTERVAL_MS);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inflight;
  }

  /** One collection and push; a round still running is not overlapped. */
  tick(): Promise<void> {
    this.inflight ??= this.round().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async round(): Promise<void> {
    try {
      const sample = await this.opts.collect();
      if (!sample) return;
      await this.opts.api.request('PUT', metricsPath(this.opts.nodeName), sample);
      this.pushed++;
    } catch (e) {
      this.failed++;
      this.opts.log?.('metrics push failed', { node: this.opts.nodeName, err: e instanceof Error ? e.message : String(e) });
    }
  }
}
