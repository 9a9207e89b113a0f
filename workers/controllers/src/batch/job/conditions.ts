// Job conditions as upstream sets them (ensureJobConditionStatus): a condition is only added when
// True; an existing one moves its transition time only when its status changes.
import { timestamp } from '../../controllers/common/time';
import type { Job, JobCondition } from './types';

export interface CondSpec {
  type: string;
  reason: string;
  message: string;
}

export const hasCondition = (job: Job, type: string) => (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
export const findCondition = (conds: JobCondition[] | undefined, type: string) => (conds ?? []).find((c) => c.type === type);

/** Complete or Failed is True: nothing more to run. */
export const isFinished = (job: Job) => hasCondition(job, 'Complete') || hasCondition(job, 'Failed');

/** Returns the conditions with `type` at `status`, and whether anything changed. */
export function ensureCondition(conds: JobCondition[], c: CondSpec, status: 'True' | 'False', now: Date): { conditions: JobCondition[]; changed: boolean } {
  const t = timestamp(now);
  const i = conds.findIndex((x) => x.type === c.type);
  if (i < 0) {
    if (status === 'False') return { conditions: conds, changed: false };
    return { conditions: [...conds, { type: c.type, status, reason: c.reason, message: c.message, lastProbeTime: t, lastTransitionTime: t }], changed: true };
  }
  const old = conds[i];
  if (old.status === status && old.reason === c.reason && old.message === c.message) return { conditions: conds, changed: false };
  const next = { ...old, status, reason: c.reason, message: c.message, lastProbeTime: t, lastTransitionTime: old.status === status ? old.lastTransitionTime : t };
  return { conditions: conds.map((x, j) => (j === i ? next : x)), changed: true };
}

// The reasons and messages upstream uses.
export const BACKOFF_LIMIT_EXCEEDED = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
export const DEADLINE_EXCEEDED = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
export const MAX_FAILED_INDEXES_EXCEEDED = { reason: 'MaxFailedIndexesExceeded', message: 'Job has exceeded the specified maximal number of failed indexes' };
export const FAILED_INDEXES = { reason: 'FailedIndexes', message: 'Job has failed indexes' };
export const COMPLETIONS_REACHED = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
export const POD_FAILURE_POLICY = 'PodFailurePolicy';
export const SUCCESS_POLICY = 'SuccessPolicy';
