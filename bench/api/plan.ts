// Sizes and paces of every phase. BENCH_QUICK=1 shrinks them ~10x for trying the bench out; the
// numbers in README.md come from the full plan.
import type { WatchPlan } from './watch-latency';

export interface Plan {
  concurrency: number;
  warmupPods: number;
  smallList: number; // pods in the "1,000" namespace
  bigList: number; // pods in the "10,000" namespace
  getUpdateCount: number;
  smallListReps: number;
  bigListReps: number;
  /** A list phase stops repeating past this (after 5 repetitions), so a slow side cannot blow the time box. */
  listBudgetMs: number;
  watches: WatchPlan[];
}

const quick = process.env.BENCH_QUICK === '1';

export const plan: Plan = quick
  ? {
      concurrency: 10,
      warmupPods: 50,
      smallList: 100,
      bigList: 1000,
      getUpdateCount: 200,
      smallListReps: 10,
      bigListReps: 5,
      listBudgetMs: 10_000,
      watches: [
        { watchers: 1, writes: 20, intervalMs: 50, drainMs: 5000 },
        { watchers: 100, writes: 20, intervalMs: 50, drainMs: 5000 },
        { watchers: 1000, writes: 20, intervalMs: 100, drainMs: 8000 },
      ],
    }
  : {
      concurrency: 10,
      warmupPods: 200,
      smallList: 1000,
      bigList: 10_000,
      getUpdateCount: 2000,
      smallListReps: 40,
      bigListReps: 20,
      listBudgetMs: 45_000,
      watches: [
        { watchers: 1, writes: 200, intervalMs: 50, drainMs: 5000 },
        { watchers: 100, writes: 200, intervalMs: 50, drainMs: 5000 },
        // 1,000 watchers turn each write into 1,000 deliveries (~2 MB over TLS); at 4 writes/s both sides
        // stay below their delivery capacity on 2 cores, so this measures latency, not a growing backlog.
        { watchers: 1000, writes: 100, intervalMs: 250, drainMs: 10_000 },
      ],
    };
