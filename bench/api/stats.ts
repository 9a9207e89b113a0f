// Latency samples → p50/p99 and throughput. Nearest-rank percentiles, so p99 of 200 samples is the 198th
// value: with few samples p99 is close to the max, which the README states.

export interface Summary {
  n: number;
  p50: number; // ms
  p99: number; // ms
  /** Operations (or deliveries) per second over the phase's wall time. */
  rate: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: number[], wallMs: number): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    rate: wallMs > 0 ? (sorted.length * 1000) / wallMs : NaN,
  };
}

export const now = (): number => performance.now();
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
