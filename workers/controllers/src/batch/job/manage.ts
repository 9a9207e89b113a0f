// How many pods to start or stop (upstream's manageJob): NonIndexed jobs keep min(parallelism,
// remaining completions) pods active; Indexed jobs give each pending index one pod, lowest first.
// Pods removed here (excess, duplicates, suspension) lose their finalizer first: they do not count.
import { isPodReady } from '../../controllers/common/pods';
import { rankForDeletion } from '../../controllers/replicaset/rank';
import { firstFreeIndexes } from './indexes';
import type { PodForJobOptions } from './pod-template';
import { indexFailureCounts, onlyReplaceFailedPods, type Tally } from './tracking';
import { isIndexed, podIndex, type Job, type Pod } from './types';

/** Most pods created in one pass, as the ReplicaSet controller's burst. */
export const MAX_CREATE_PER_PASS = 500;

export interface ManageInput {
  job: Job;
  owned: Pod[];
  active: Pod[];
  terminating: Pod[];
  tally: Tally;
  /** Replacements wait this long after recent failures (0: no wait). */
  backoffMs: number;
  now: Date;
}

export interface ManageResult {
  create: PodForJobOptions[];
  /** Delete these, removing the tracking finalizer first (they are not counted). */
  remove: Pod[];
  requeueAfterMs?: number;
}

function wantActiveNonIndexed(job: Job, active: number, succeeded: number): number {
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions;
  // Without completions any success ends the job: start nothing more, let running pods finish.
  if (completions === undefined) return succeeded > 0 ? active : parallelism;
  return Math.max(0, Math.min(completions - succeeded, parallelism));
}

export function managePods(m: ManageInput): ManageResult {
  const { job, active, tally, now } = m;
  if (job.spec?.suspend) return { create: [], remove: [...active] };
  const parallelism = job.spec?.parallelism ?? 1;
  const out: ManageResult = { create: [], remove: [] };
  let keep = active;
  if (isIndexed(job)) {
    // One pod per index: drop pods without a valid index, of finished indexes, and duplicates
    // (keeping the most useful copy: the last in deletion order).
    const completions = job.spec?.completions ?? 0;
    const byIndex = new Map<number, Pod>();
    for (const p of rankForDeletion(active, now).reverse()) {
      const ix = podIndex(p);
      if (ix === undefined || ix >= completions || tally.completedIndexes.has(ix) || tally.failedIndexes.has(ix) || byIndex.has(ix)) out.remove.push(p);
      else byIndex.set(ix, p);
    }
    keep = [...byIndex.values()];
    const excess = keep.length - parallelism;
    if (excess > 0) {
      const extra = rankForDeletion(keep, now).slice(0, excess);
      out.remove.push(...extra);
      return out;
    }
    const waiting = new Set<number>();
    if (onlyReplaceFailedPods(job)) for (const p of m.terminating) if (podIndex(p) !== undefined) waiting.add(podIndex(p)!);
    const wanted = Math.min(parallelism - keep.length, MAX_CREATE_PER_PASS);
    const free = firstFreeIndexes(completions, wanted, tally.completedIndexes, tally.failedIndexes, new Set(byIndex.keys()), waiting);
    const failures = job.spec?.backoffLimitPerIndex !== undefined ? indexFailureCounts(job, m.owned) : undefined;
    out.create = free.map((index) => (failures ? { index, indexFailures: failures.get(index) ?? 0 } : { index }));
  } else {
    const want = wantActiveNonIndexed(job, active.length, tally.totalSucceeded);
    if (active.length > want) {
      out.remove = rankForDeletion(active, now).slice(0, active.length - want);
      return out;
    }
    let diff = want - active.length;
    if (onlyReplaceFailedPods(job)) diff -= m.terminating.length;
    out.create = Array.from({ length: Math.max(0, Math.min(diff, MAX_CREATE_PER_PASS)) }, () => ({}));
  }
  if (out.create.length && m.backoffMs > 0) {
    out.create = [];
    out.requeueAfterMs = m.backoffMs;
  }
  return out;
}

/** Active pods that are Ready, for status.ready. */
export const countReady = (pods: Pod[]) => pods.filter(isPodReady).length;
