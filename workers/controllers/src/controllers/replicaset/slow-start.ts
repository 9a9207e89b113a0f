// Slow-start creation: 1, 2, 4, ... at a time, stopping at the first failed batch, so a quota or
// admission error costs one request instead of hundreds.

/** Batch sizes for creating `count` objects, doubling from `initial`. */
export function slowStartBatches(count: number, initial = 1): number[] {
  const out: number[] = [];
  let size = Math.max(1, initial);
  for (let left = count; left > 0; left -= out[out.length - 1]) {
    out.push(Math.min(size, left));
    size *= 2;
  }
  return out;
}

export interface SlowStartResult {
  succeeded: number;
  /** Never attempted because an earlier batch failed; the caller lowers its expectations by this. */
  skipped: number;
  errors: unknown[];
}

/** Runs `createOne` in slow-start batches (each batch concurrently). Pure apart from what `createOne` does. */
export async function runSlowStart(count: number, createOne: () => Promise<unknown>, initial = 1): Promise<SlowStartResult> {
  const res: SlowStartResult = { succeeded: 0, skipped: 0, errors: [] };
  let attempted = 0;
  for (const size of slowStartBatches(count, initial)) {
    const settled = await Promise.allSettled(Array.from({ length: size }, () => createOne()));
    attempted += size;
    for (const s of settled) {
      if (s.status === 'fulfilled') res.succeeded++;
      else res.errors.push(s.reason);
    }
    if (res.errors.length) break;
  }
  res.skipped = count - attempted;
  return res;
}
