// When a Job has failed or succeeded (upstream's order of checks in syncJob). The first criterion met
// becomes an interim condition (FailureTarget / SuccessCriteriaMet); the terminal one (Failed /
// Complete) follows once no pod is left running or uncounted.
import { timeMs } from '../../controllers/common/time';
import {
  BACKOFF_LIMIT_EXCEEDED,
  COMPLETIONS_REACHED,
  DEADLINE_EXCEEDED,
  FAILED_INDEXES,
  MAX_FAILED_INDEXES_EXCEEDED,
  POD_FAILURE_POLICY,
  SUCCESS_POLICY,
  findCondition,
  type CondSpec,
} from './conditions';
import { parseIndexes } from './indexes';
import type { Tally } from './tracking';
import { isIndexed, type Job, type Pod } from './types';

export interface Ending {
  kind: 'failure' | 'success';
  /** The interim condition: FailureTarget or SuccessCriteriaMet. */
  interim: CondSpec;
  /** The terminal condition: Failed or Complete, same reason and message. */
  terminal: CondSpec;
}

const failure = (c: { reason: string; message: string }): Ending => ({ kind: 'failure', interim: { type: 'FailureTarget', ...c }, terminal: { type: 'Failed', ...c } });
const success = (c: { reason: string; message: string }): Ending => ({ kind: 'success', interim: { type: 'SuccessCriteriaMet', ...c }, terminal: { type: 'Complete', ...c } });

/** restartPolicy OnFailure: container restarts of running pods count against backoffLimit. */
function pastBackoffLimitOnFailure(job: Job, active: Pod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of active) for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) restarts += cs.restartCount ?? 0;
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** Milliseconds until activeDeadlineSeconds runs out (<= 0: past), or undefined without a deadline. */
export function deadlineLeftMs(job: Job, now: Date): number | undefined {
  const ads = job.spec?.activeDeadlineSeconds;
  const start = timeMs(job.status?.startTime);
  if (ads === undefined || start === undefined || job.spec?.suspend) return undefined;
  return start + ads * 1000 - now.getTime();
}

/** The first successPolicy rule an Indexed job meets, as upstream's matchSuccessPolicy. */
export function matchSuccessPolicy(job: Job, completed: Set<number>): number | undefined {
  const completions = job.spec?.completions ?? 0;
  for (const [i, r] of (job.spec?.successPolicy?.rules ?? []).entries()) {
    if (r.succeededIndexes !== undefined) {
      const wanted = parseIndexes(r.succeededIndexes, completions);
      const hit = [...wanted].filter((x) => completed.has(x)).length;
      if (r.succeededCount !== undefined ? hit >= r.succeededCount : hit === wanted.size) return i;
    } else if (r.succeededCount !== undefined && completed.size >= r.succeededCount) return i;
  }
  return undefined;
}

/** Criteria checked before pods are managed: a recorded interim condition, failures, the deadline, success policy. */
export function endingBeforeManage(job: Job, tally: Tally, active: Pod[], now: Date): Ending | undefined {
  const conds = job.status?.conditions;
  const ft = findCondition(conds, 'FailureTarget');
  if (ft?.status === 'True') return failure({ reason: ft.reason ?? '', message: ft.message ?? '' });
  const sc = findCondition(conds, 'SuccessCriteriaMet');
  if (sc?.status === 'True') return success({ reason: sc.reason ?? '', message: sc.message ?? '' });
  if (tally.failJobMessage) return failure({ reason: POD_FAILURE_POLICY, message: tally.failJobMessage });
  if (tally.totalFailed > (job.spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, active)) return failure(BACKOFF_LIMIT_EXCEEDED);
  const left = deadlineLeftMs(job, now);
  if (left !== undefined && left <= 0) return failure(DEADLINE_EXCEEDED);
  const maxFailed = job.spec?.maxFailedIndexes;
  if (isIndexed(job) && maxFailed !== undefined && tally.failedIndexes.size > maxFailed) return failure(MAX_FAILED_INDEXES_EXCEEDED);
  if (isIndexed(job)) {
    const rule = matchSuccessPolicy(job, tally.completedIndexes);
    if (rule !== undefined) return success({ reason: SUCCESS_POLICY, message: `Matched rules at index ${rule}` });
  }
  return undefined;
}

/** Criteria checked after pods are managed: all completions reached, or every index done with some failed. */
export function endingAfterManage(job: Job, tally: Tally, activeAfter: number): Ending | undefined {
  const completions = job.spec?.completions;
  const done = completions === undefined ? tally.totalSucceeded > 0 : tally.totalSucceeded >= completions;
  if (done && activeAfter === 0) return success(COMPLETIONS_REACHED);
  if (isIndexed(job) && job.spec?.backoffLimitPerIndex !== undefined && tally.failedIndexes.size > 0 && tally.completedIndexes.size + tally.failedIndexes.size >= (completions ?? 0)) {
    return failure(FAILED_INDEXES);
  }
  return undefined;
}
