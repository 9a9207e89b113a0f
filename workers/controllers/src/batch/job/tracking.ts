// Counting finished pods exactly once (upstream's pod tracking with finalizers). A finished pod that
// still carries the tracking finalizer is first recorded in status.uncountedTerminatedPods (Indexed
// successes go straight into completedIndexes, which is idempotent), then its finalizer is removed,
// and only a later pass, seeing the pod gone or without the finalizer, moves it into
// status.succeeded / status.failed. A restart at any point repeats a step but never a count.
import { matchPodFailurePolicy } from './failure-policy';
import { formatIndexes, parseIndexes } from './indexes';
import { INDEX_FAILURE_COUNT, hasTrackingFinalizer, isIndexed, podIndex, type Job, type Pod } from './types';

/** A replacement may start only once the old pod has failed (not merely while it terminates). */
export const onlyReplaceFailedPods = (job: Job) => job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy;

/** Failed, or being deleted without having succeeded (an orphan or evicted pod), as upstream counts it. */
export function isPodFailed(job: Job, p: Pod): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

/** How the job is ending, if it is: then every pod's finalizer may go, and unfinished pods of a failing job count as failed. */
export type Finishing = 'failure' | 'success' | undefined;

export interface Tally {
  /** Counted totals to write (previous counts plus flushed uncounted pods). */
  succeeded: number;
  failed: number;
  /** status.uncountedTerminatedPods to write. */
  uncounted: { succeeded: string[]; failed: string[] };
  /** Everything known to have succeeded / failed, counted or not: what decisions use. */
  totalSucceeded: number;
  totalFailed: number;
  completedIndexes: Set<number>;
  failedIndexes: Set<number>;
  /** Remove the tracking finalizer from these once the status above is stored. */
  removeFinalizers: Pod[];
  /** A FailJob rule matched a newly failed pod: the FailureTarget message. */
  failJobMessage?: string;
}

/** Failures of an index before `p`, plus `p` itself when it counts (backoffLimitPerIndex). */
function indexFailures(p: Pod): number {
  const n = Number(p.metadata.annotations?.[INDEX_FAILURE_COUNT] ?? '0');
  return (Number.isFinite(n) ? n : 0) + 1;
}

export function tallyPods(job: Job, owned: Pod[], finishing: Finishing = undefined): Tally {
  const st = job.status ?? {};
  const completions = job.spec?.completions ?? 0;
  const indexed = isIndexed(job);
  const perIndex = job.spec?.backoffLimitPerIndex;
  const oldSucc = new Set(st.uncountedTerminatedPods?.succeeded ?? []);
  const oldFail = new Set(st.uncountedTerminatedPods?.failed ?? []);
  const byUid = new Map(owned.map((p) => [p.metadata.uid ?? '', p]));
  const t: Tally = {
    succeeded: st.succeeded ?? 0,
    failed: st.failed ?? 0,
    uncounted: { succeeded: [], failed: [] },
    totalSucceeded: 0,
    totalFailed: 0,
    completedIndexes: indexed ? parseIndexes(st.completedIndexes, completions) : new Set(),
    failedIndexes: indexed ? parseIndexes(st.failedIndexes, completions) : new Set(),
    removeFinalizers: [],
  };
  // Step 3 of an earlier pass: uncounted pods whose finalizer is gone are counted now.
  for (const [set, key] of [[oldSucc, 'succeeded'], [oldFail, 'failed']] as const) {
    for (const uid of set) {
      const p = byUid.get(uid);
      if (p && hasTrackingFinalizer(p)) t.uncounted[key].push(uid);
      else t[key]++;
    }
  }
  for (const p of owned) {
    if (!hasTrackingFinalizer(p)) continue;
    const uid = p.metadata.uid ?? '';
    const ix = podIndex(p);
    const validIndex = !indexed || (ix !== undefined && ix < completions);
    const failed = isPodFailed(job, p);
    // A finished job lets go of every pod; otherwise only of finished ones.
    if (!finishing && p.status?.phase !== 'Succeeded' && !failed) continue;
    t.removeFinalizers.push(p);
    if (oldSucc.has(uid) || oldFail.has(uid)) continue;
    if (p.status?.phase === 'Succeeded') {
      if (indexed) {
        if (validIndex) t.completedIndexes.add(ix!);
      } else t.uncounted.succeeded.push(uid);
    } else if ((failed || finishing === 'failure') && validIndex) {
      const m = p.status?.phase === 'Failed' ? matchPodFailurePolicy(job, p) : { count: true };
      if (m.action === 'FailJob' && !t.failJobMessage) t.failJobMessage = m.message;
      if (!m.count) continue;
      t.uncounted.failed.push(uid);
      if (indexed && perIndex !== undefined && (m.action === 'FailIndex' || indexFailures(p) > perIndex)) t.failedIndexes.add(ix!);
    }
  }
  t.totalSucceeded = indexed ? t.completedIndexes.size : t.succeeded + t.uncounted.succeeded.length;
  t.totalFailed = t.failed + t.uncounted.failed.length;
  return t;
}

/** Per index, how many counted failures it had so far (the annotation for its next pod). */
export function indexFailureCounts(job: Job, owned: Pod[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of owned) {
    const ix = podIndex(p);
    if (ix === undefined || p.status?.phase !== 'Failed' || !matchPodFailurePolicy(job, p).count) continue;
    out.set(ix, Math.max(out.get(ix) ?? 0, indexFailures(p)));
  }
  return out;
}

export const indexesText = formatIndexes;
