// Write→event latency: N watch streams on one namespace, then writes one at a time at a fixed pace;
// for every delivery (watcher × write), arrival time minus the write's start time (and, separately,
// minus the time the write's response arrived). Also counts what each watcher received, so lost (and
// duplicated) events are reported rather than silently skewing p99.
import { makePod } from './pod';
import { type Summary, now, sleep, summarize } from './stats';
import type { Target, WatchHandle } from './target';

export interface WatchResult {
  /** From the write's start; rate = deliveries/s from the first write to the last delivery. */
  summary: Summary;
  /** From the write's response (0 when the event beat the response). */
  afterResponse: Summary;
  watchers: number;
  writes: number;
  expected: number;
  received: number;
  lost: number;
  duplicates: number;
  broken: number;
  writeErrors: number;
  firstError?: string;
}

export interface WatchPlan {
  watchers: number;
  writes: number;
  intervalMs: number;
  /** How long to wait after the last write for stragglers before counting the rest as lost. */
  drainMs: number;
}

const OPEN_BATCH = 50;

export async function watchLatency(t: Target, ns: string, plan: WatchPlan, log: (m: string) => void): Promise<WatchResult> {
  await t.prepareNamespace(ns);
  const rev = await t.revision(ns);
  const index = new Map<string, number>(); // pod name → write number
  const startedAt: number[] = [];
  const respondedAt: number[] = [];
  // Deliveries are recorded raw and turned into latencies afterwards: an event may beat the response.
  const deliveredWrite: number[] = [];
  const deliveredAt: number[] = [];
  let duplicates = 0;
  const handles: WatchHandle[] = [];
  let firstError: string | undefined;

  for (let w = 0; w < plan.watchers; w += OPEN_BATCH) {
    const batch: Promise<void>[] = [];
    for (let k = w; k < Math.min(plan.watchers, w + OPEN_BATCH); k++) {
      const seen = new Set<number>();
      const h = t.watch(ns, rev, (name, at) => {
        const i = index.get(name);
        if (i === undefined) return; // not one of this run's writes
        if (seen.has(i)) return void duplicates++;
        seen.add(i);
        deliveredWrite.push(i);
        deliveredAt.push(at);
      });
      handles.push(h);
      batch.push(h.ready.catch((e) => void (firstError ??= String(e))));
    }
    await Promise.all(batch);
  }
  log(`  ${plan.watchers} watch stream(s) open`);

  let writeErrors = 0;
  let wrote = 0;
  const start = now();
  for (let i = 0; i < plan.writes; i++) {
    const name = `w-${i}`;
    startedAt[i] = now();
    index.set(name, i);
    try {
      await t.create(ns, name, makePod(ns, name, i));
      respondedAt[i] = now();
      wrote++;
    } catch (e) {
      writeErrors++;
      firstError ??= e instanceof Error ? e.message : String(e);
      index.delete(name);
    }
    const wait = start + (i + 1) * plan.intervalMs - now();
    if (wait > 0) await sleep(wait);
  }
  // Bounded drain: until every watcher has every successful write, or the drain time is up.
  const expected = plan.watchers * wrote;
  const drainEnd = now() + plan.drainMs;
  while (deliveredAt.length < expected && now() < drainEnd) await sleep(20);

  const broken = handles.filter((h) => h.broken()).length;
  for (const h of handles) h.stop();
  const received = deliveredAt.length;
  const fromStart = deliveredAt.map((at, k) => at - startedAt[deliveredWrite[k]]);
  const fromResponse = deliveredAt.map((at, k) => Math.max(0, at - (respondedAt[deliveredWrite[k]] ?? at)));
  const wall = (received ? deliveredAt.reduce((a, b) => Math.max(a, b), 0) : now()) - start;
  return {
    summary: summarize(fromStart, wall),
    afterResponse: summarize(fromResponse, wall),
    watchers: plan.watchers,
    writes: wrote,
    expected,
    received,
    lost: expected - received,
    duplicates,
    broken,
    writeErrors,
    firstError,
  };
}
