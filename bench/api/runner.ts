// Measurement loops: N operations over C concurrent clients, and sequential repetitions. Every loop
// is bounded by its item count (and, for repetitions, a time budget).
import { type Summary, now, summarize } from './stats';

export interface PhaseResult {
  summary: Summary;
  samples: number[];
  wallMs: number;
  errors: number;
  firstError?: string;
}

/** One result for phases run back to back (their samples pooled, their wall times added). */
export function merge(...rs: PhaseResult[]): PhaseResult {
  const samples = rs.flatMap((r) => r.samples);
  const wallMs = rs.reduce((a, r) => a + r.wallMs, 0);
  const errors = rs.reduce((a, r) => a + r.errors, 0);
  return { summary: summarize(samples, wallMs), samples, wallMs, errors, firstError: rs.find((r) => r.firstError)?.firstError };
}

/** Runs `fn` once per item, `concurrency` at a time (each client takes the next item when done). */
export async function runConcurrent<T>(
  items: T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<void>,
  progress?: (done: number) => void,
): Promise<PhaseResult> {
  const samples: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const start = now();
  const client = async () => {
    while (next < items.length) {
      const i = next++;
      const t0 = now();
      try {
        await fn(items[i], i);
        samples.push(now() - t0);
      } catch (e) {
        errors++;
        firstError ??= e instanceof Error ? e.message : String(e);
      }
      if (progress && (i + 1) % 2000 === 0) progress(i + 1);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, client));
  const wallMs = now() - start;
  return { summary: summarize(samples, wallMs), samples, wallMs, errors, firstError };
}

/** Runs `fn` up to `reps` times one after another, stopping early (after at least `minReps`) past `budgetMs`. */
export async function runRepeated(reps: number, minReps: number, budgetMs: number, fn: () => Promise<void>): Promise<PhaseResult> {
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = now();
  for (let i = 0; i < reps; i++) {
    if (i >= minReps && now() - start > budgetMs) break;
    const t0 = now();
    try {
      await fn();
      samples.push(now() - t0);
    } catch (e) {
      errors++;
      firstError ??= e instanceof Error ? e.message : String(e);
    }
  }
  const wallMs = now() - start;
  return { summary: summarize(samples, wallMs), samples, wallMs, errors, firstError };
}
