// Finished Jobs a CronJob keeps: the newest successfulJobsHistoryLimit complete ones and the newest
// failedJobsHistoryLimit failed ones; older ones are deleted (upstream's cleanupFinishedJobs).
import { timeMs } from '../../controllers/common/time';
import type { CronJob, Job } from './types';

const isTrue = (j: Job, type: string) => (j.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
export const jobSucceeded = (j: Job) => isTrue(j, 'Complete');
export const jobFailed = (j: Job) => isTrue(j, 'Failed');
export const jobFinished = (j: Job) => jobSucceeded(j) || jobFailed(j);

/** Oldest first: by start time, jobs that never started first, then by creation and name. */
function byStart(a: Job, b: Job): number {
  const sa = timeMs(a.status?.startTime);
  const sb = timeMs(b.status?.startTime);
  if (sa === undefined && sb !== undefined) return -1;
  if (sb === undefined && sa !== undefined) return 1;
  if (sa !== undefined && sb !== undefined && sa !== sb) return sa - sb;
  const ca = timeMs(a.metadata.creationTimestamp) ?? 0;
  const cb = timeMs(b.metadata.creationTimestamp) ?? 0;
  return ca !== cb ? ca - cb : (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

function oldest(jobs: Job[], keep: number | undefined): Job[] {
  if (keep === undefined) return [];
  const sorted = [...jobs].sort(byStart);
  return sorted.slice(0, Math.max(0, sorted.length - keep));
}

/** The Jobs to delete; none while both limits are unset. */
export function jobsToPrune(cj: CronJob, jobs: Job[]): Job[] {
  const live = jobs.filter((j) => !j.metadata.deletionTimestamp);
  return [...oldest(live.filter(jobSucceeded), cj.spec?.successfulJobsHistoryLimit), ...oldest(live.filter(jobFailed), cj.spec?.failedJobsHistoryLimit)];
}
