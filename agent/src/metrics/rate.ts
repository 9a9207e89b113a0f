// CPU usage rates from cumulative counters, as the kubelet's summary API derives them: the cores used
// over a window are Δ(cpu time) / Δ(wall time). One sample alone says nothing, and a counter that went
// backwards means a new container (restart) whose rate starts again from its next sample.

export interface CumulativeCpu {
  /** Total CPU time consumed so far, in nanoseconds. */
  cpuNanos: number;
  /** When it was read, in milliseconds since the epoch. */
  atMs: number;
}

/** Nanocores (1e9 = one full core) used between two readings, or undefined when no rate exists. */
export function nanocores(prev: CumulativeCpu | undefined, cur: CumulativeCpu): number | undefined {
  if (!prev) return undefined;
  const dtMs = cur.atMs - prev.atMs;
  const dCpu = cur.cpuNanos - prev.cpuNanos;
  if (dtMs <= 0 || dCpu < 0) return undefined;
  // ns of CPU per ns of wall time, times 1e9: dCpu / (dtMs * 1e6) * 1e9.
  return Math.round((dCpu * 1000) / dtMs);
}

/** A cpu quantity in nanocores, as metrics-server reports it ("12345n"). */
export const cpuQuantity = (nanos: number): string => `${Math.max(0, Math.round(nanos))}n`;

/** A memory quantity in KiB ("1234Ki"), metrics-server's unit for working sets. */
export const memoryQuantity = (bytes: number): string => `${Math.max(0, Math.round(bytes / 1024))}Ki`;

/** A window as a Go duration ("15s", "14.998s"). */
export const windowText = (ms: number): string => `${Number((ms / 1000).toFixed(3))}s`;
