// A latency probe on its own connection pool: one small call a second, timed. When the simulator's
// calls stall, this tells a stalled server (the probe stalls too) from a clogged client pool (it does not).
import { createNodeFetcher } from '../../agent/src/http';
import { quantiles, type Quantiles } from '../../agent/src/sim/heartbeat-stats';
import { ApiClient } from '../../workers/kube/client';

export class LatencyProbe {
  private samples: number[] = [];
  private inFlightSince: number | undefined;
  private timer?: NodeJS.Timeout;
  private readonly fetcher;
  private readonly api;
  private readonly op: (api: ApiClient) => Promise<unknown>;

  /** `op` is the call to time, e.g. a GET or a small write. */
  constructor(opts: { url: string; caPem: string; token: string; op: (api: ApiClient) => Promise<unknown> }) {
    this.op = opts.op;
    this.fetcher = createNodeFetcher({ caPem: opts.caPem, maxSockets: 2 });
    this.api = new ApiClient({ fetch: this.fetcher, baseUrl: opts.url, token: opts.token, userAgent: 'bench-probe' });
  }

  start(everyMs = 1000): void {
    this.timer = setInterval(() => {
      if (this.inFlightSince !== undefined) return; // still waiting: take() reports it as stuck
      const t = performance.now();
      this.inFlightSince = t;
      this.op(this.api)
        .catch(() => undefined)
        .finally(() => {
          this.samples.push(performance.now() - t);
          this.inFlightSince = undefined;
        });
    }, everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.fetcher.close();
  }

  /** Latencies since the last call, and how long the current probe has been waiting (0 if none). */
  take(): Quantiles & { n: number; stuckMs: number } {
    const out = { ...quantiles(this.samples), n: this.samples.length, stuckMs: this.inFlightSince === undefined ? 0 : performance.now() - this.inFlightSince };
    this.samples = [];
    return out;
  }
}
