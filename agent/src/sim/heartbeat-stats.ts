// How the simulated kubelets' heartbeats are doing, as a benchmark needs to tell "the node was
// silent" from "the simulator (or the API) was too slow to renew": per renewal, the time it waited
// for a slot and the time the API call took; per node, the longest gap between two renewals.
export interface HeartbeatSummary {
  renewals: number;
  /** Beats skipped because the node's previous renewal had not finished. */
  skipped: number;
  /** Renewals that failed (the node tries again on its next beat). */
  failed: number;
  /** Milliseconds waiting for a heartbeat slot (p50, p99, max). */
  queuedMs: Quantiles;
  /** Milliseconds of the renewal's API calls. */
  callMs: Quantiles;
  /** The longest time between two renewals of one node, and which node. */
  maxGapMs: number;
  maxGapNode?: string;
}

export interface Quantiles {
  p50: number;
  p99: number;
  max: number;
}

export function quantiles(samples: readonly number[]): Quantiles {
  if (!samples.length) return { p50: 0, p99: 0, max: 0 };
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { p50: at(0.5), p99: at(0.99), max: s[s.length - 1] };
}

export class HeartbeatStats {
  private queued: number[] = [];
  private calls: number[] = [];
  private skipped = 0;
  private failures = 0;
  private readonly last = new Map<string, number>();
  private maxGap = { ms: 0, node: undefined as string | undefined };

  /** A renewal of `node` that waited `queuedMs` for a slot and took `callMs`, finished at `at` (performance.now()). */
  renewed(node: string, queuedMs: number, callMs: number, at: number): void {
    this.queued.push(queuedMs);
    this.calls.push(callMs);
    const prev = this.last.get(node);
    if (prev !== undefined && at - prev > this.maxGap.ms) this.maxGap = { ms: at - prev, node };
    this.last.set(node, at);
  }

  skip(): void {
    this.skipped++;
  }

  failed(): void {
    this.failures++;
  }

  /** Stops counting gaps for these nodes (silenced on purpose). */
  forget(nodes: Iterable<string>): void {
    for (const n of nodes) this.last.delete(n);
  }

  /** Milliseconds since the node's last renewal, if it renewed since it was last forgotten. */
  since(node: string, now: number): number | undefined {
    const at = this.last.get(node);
    return at === undefined ? undefined : now - at;
  }

  /** The node that has gone longest without a renewal (forgotten nodes aside), and for how long. */
  stalest(now: number): { node?: string; ms: number } {
    let out: { node?: string; ms: number } = { ms: 0 };
    for (const [node, at] of this.last) if (now - at > out.ms) out = { node, ms: now - at };
    return out;
  }

  /** The numbers since the last call (gaps: since the last call too), then starts over. */
  take(): HeartbeatSummary {
    const out: HeartbeatSummary = {
      renewals: this.calls.length,
      skipped: this.skipped,
      failed: this.failures,
      queuedMs: quantiles(this.queued),
      callMs: quantiles(this.calls),
      maxGapMs: this.maxGap.ms,
      ...(this.maxGap.node ? { maxGapNode: this.maxGap.node } : {}),
    };
    this.queued = [];
    this.calls = [];
    this.skipped = 0;
    this.failures = 0;
    this.maxGap = { ms: 0, node: undefined };
    return out;
  }
}
