// One Job pass (upstream's syncJob), pure: claim pods, count finished ones (tracking.ts), decide
// whether the job has ended (criteria.ts) or which pods to start and stop (manage.ts), and compute
// the status. The runtime carries the actions out in order: status, finalizers, deletions, creations.
import { claim } from '../../controllers/common/controller-ref';
import { isPodActive, isPodTerminating } from '../../controllers/common/pods';
import { timeMs, timestamp } from '../../controllers/common/time';
import { remainingBackoffMs, DEFAULT_BACKOFF, type BackoffSettings } from './backoff';
import { ensureCondition, hasCondition, isFinished } from './conditions';
import { deadlineLeftMs, endingAfterManage, endingBeforeManage, type Ending } from './criteria';
import { formatIndexes } from './indexes';
import { countReady, managePods } from './manage';
import type { PodForJobOptions } from './pod-template';
import { isPodFailed, tallyPods } from './tracking';
import { hasTrackingFinalizer, isIndexed, type Job, type JobStatus, type Pod } from './types';

export interface JobEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface PodDeletion {
  pod: Pod;
  /** Remove the tracking finalizer before deleting (the pod's outcome is not counted). */
  dropFinalizer: boolean;
}

export interface JobDecision {
  /** The status to store first (a no-op when equal to the current one). */
  status: JobStatus;
  /** Then remove the tracking finalizer from these. */
  removeFinalizers: Pod[];
  deletePods: PodDeletion[];
  create: PodForJobOptions[];
  adopt: Pod[];
  release: Pod[];
  events: JobEvent[];
  requeueAfterMs?: number;
  /** ttlSecondsAfterFinished ran out: delete the Job (propagation Background). */
  deleteJob?: boolean;
}

export interface JobSyncOptions {
  backoff?: BackoffSettings;
}

const minDefined = (...xs: (number | undefined)[]) => {
  const d = xs.filter((x): x is number => x !== undefined);
  return d.length ? Math.min(...d) : undefined;
};

/** When a finished job expires (ttlSecondsAfterFinished), in ms since the epoch. */
export function ttlExpiry(job: Job): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl === undefined) return undefined;
  const end = (job.status?.conditions ?? []).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  const at = timeMs(job.status?.completionTime) ?? timeMs(end?.lastTransitionTime);
  return at === undefined ? undefined : at + ttl * 1000;
}

function finishedJob(job: Job, owned: Pod[], now: Date, out: JobDecision): JobDecision {
  out.removeFinalizers = owned.filter(hasTrackingFinalizer);
  const expiry = ttlExpiry(job);
  if (expiry !== undefined) {
    if (expiry <= now.getTime()) out.deleteJob = true;
    else out.requeueAfterMs = expiry - now.getTime();
  }
  return out;
}

export function syncJob(job: Job, pods: Pod[], now: Date, opts: JobSyncOptions = {}): JobDecision {
  const deleting = !!job.metadata.deletionTimestamp;
  const { owned, adopt, release } = claim(job, job.spec?.selector, pods);
  const out: JobDecision = { status: structuredClone(job.status ?? {}), removeFinalizers: [], deletePods: [], create: [], adopt: deleting ? [] : adopt, release: deleting ? [] : release, events: [] };
  // A job being deleted lets its pods go so the garbage collector can remove them.
  if (deleting) return { ...out, removeFinalizers: owned.filter(hasTrackingFinalizer) };
  if (isFinished(job)) return finishedJob(job, owned, now, out);

  const active = owned.filter(isPodActive);
  const terminating = owned.filter(isPodTerminating);
  let tally = tallyPods(job, owned);
  let ending: Ending | undefined = endingBeforeManage(job, tally, active, now);
  let activeAfter = active.length;
  let ready = countReady(active);
  let requeue: number | undefined;
  const st = out.status;
  let conds = st.conditions ?? [];

  if (!ending) {
    const suspended = !!job.spec?.suspend;
    const backoffMs = remainingBackoffMs(
      // Pods this controller stopped itself (suspension, excess) lost their finalizer and are no failures.
      owned.filter((p) => p.status?.phase === 'Failed' || (hasTrackingFinalizer(p) && isPodFailed(job, p))),
      owned.filter((p) => p.status?.phase === 'Succeeded'),
      now,
      opts.backoff ?? DEFAULT_BACKOFF,
    );
    const m = managePods({ job, owned, active, terminating, tally, backoffMs, now });
    out.create = m.create;
    out.deletePods = m.remove.map((pod) => ({ pod, dropFinalizer: true }));
    requeue = m.requeueAfterMs;
    const removed = new Set(m.remove);
    activeAfter = active.length - m.remove.length + m.create.length;
    ready = countReady(active.filter((p) => !removed.has(p)));
    if (!suspended) ending = endingAfterManage(job, tally, activeAfter);
    // Suspension: a condition, and pods stopped above; resuming restarts the deadline clock.
    const sus = ensureCondition(conds, { type: 'Suspended', reason: suspended ? 'JobSuspended' : 'JobResumed', message: suspended ? 'Job suspended' : 'Job resumed' }, suspended ? 'True' : 'False', now);
    if (sus.changed) {
      conds = sus.conditions;
      out.events.push({ type: 'Normal', reason: suspended ? 'Suspended' : 'Resumed', message: suspended ? 'Job suspended' : 'Job resumed' });
      if (!suspended) st.startTime = timestamp(now);
    }
    if (!suspended && !st.startTime) st.startTime = timestamp(now);
  }

  if (ending) {
    // Every pod goes; with a failure the unfinished ones count as failed (tracking.ts).
    tally = tallyPods(job, owned, ending.kind);
    out.create = [];
    out.deletePods = active.map((pod) => ({ pod, dropFinalizer: false }));
    activeAfter = 0;
    ready = 0;
    requeue = undefined;
    const interim = ensureCondition(conds, ending.interim, 'True', now);
    conds = interim.conditions;
    const settled = tally.uncounted.succeeded.length + tally.uncounted.failed.length === 0 && tally.removeFinalizers.length === 0 && active.length === 0 && terminating.length === 0;
    if (settled && !hasCondition({ ...job, status: { conditions: conds } }, ending.terminal.type)) {
      conds = ensureCondition(conds, ending.terminal, 'True', now).conditions;
      if (ending.kind === 'success') {
        st.completionTime = timestamp(now);
        out.events.push({ type: 'Normal', reason: 'Completed', message: 'Job completed' });
      } else out.events.push({ type: 'Warning', reason: ending.terminal.reason, message: ending.terminal.message });
      const ttl = job.spec?.ttlSecondsAfterFinished;
      if (ttl !== undefined) requeue = ttl * 1000;
    }
  } else {
    const left = deadlineLeftMs({ ...job, status: { ...job.status, startTime: st.startTime } }, now);
    requeue = minDefined(requeue, left !== undefined ? Math.max(left, 1) : undefined);
  }

  if (conds.length) st.conditions = conds;
  st.active = activeAfter;
  st.ready = ready;
  st.terminating = terminating.length + out.deletePods.length;
  st.succeeded = isIndexed(job) ? tally.completedIndexes.size : tally.succeeded;
  st.failed = tally.failed;
  st.uncountedTerminatedPods = { ...(tally.uncounted.succeeded.length ? { succeeded: tally.uncounted.succeeded } : {}), ...(tally.uncounted.failed.length ? { failed: tally.uncounted.failed } : {}) };
  if (isIndexed(job)) {
    st.completedIndexes = formatIndexes(tally.completedIndexes);
    if (job.spec?.backoffLimitPerIndex !== undefined) st.failedIndexes = formatIndexes(tally.failedIndexes);
  }
  out.removeFinalizers = tally.removeFinalizers;
  if (requeue !== undefined) out.requeueAfterMs = requeue;
  return out;
}
