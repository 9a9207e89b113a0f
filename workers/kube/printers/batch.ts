// batch/v1: Jobs and CronJobs.
import { AGE, CONTAINERS, IMAGES, NAME, SELECTOR, col } from './columns';
import { humanDuration, parseTime, since } from './duration';
import { boolText, conditionTrue, containerCells, labelSelectorText } from './format';
import type { Condition, Printer } from './types';
import type { KObject } from '../registry/types';
import type { LabelSelectorObject } from '../selectors/labels';

interface JobSpec {
  completions?: number | null;
  parallelism?: number | null;
  selector?: LabelSelectorObject;
  template?: { spec?: { containers?: { name?: string; image?: string }[] } };
}

export interface Job extends KObject {
  spec?: JobSpec;
  status?: { succeeded?: number; startTime?: string; completionTime?: string; conditions?: Condition[] };
}

/** Terminal conditions first, then deletion, then pause/failure-pending states; otherwise Running. */
export function jobStatus(job: Job): string {
  const conds = job.status?.conditions;
  if (conditionTrue(conds, 'Complete')) return 'Complete';
  if (conditionTrue(conds, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (conditionTrue(conds, 'Suspended')) return 'Suspended';
  if (conditionTrue(conds, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** "2/3"; without completions "1/1", or "0/1 of 4" when several pods run in parallel. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const spec = job.spec ?? {};
  if (spec.completions !== undefined && spec.completions !== null) return `${succeeded}/${spec.completions}`;
  const parallelism = spec.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Run time so far (or until completion); empty before the job starts. */
export function jobDuration(job: Job, now: number): string {
  const start = parseTime(job.status?.startTime);
  if (start === undefined) return '';
  const end = parseTime(job.status?.completionTime) ?? now;
  return humanDuration(end - start);
}

export const jobPrinter: Printer<Job> = {
  columns: [
    NAME,
    col('Status', 'Summary of the job conditions.'),
    col('Completions', 'Succeeded pods out of required completions.'),
    col('Duration', 'How long the job ran.'),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(job, now) {
    return [
      job.metadata.name ?? '',
      jobStatus(job),
      jobCompletions(job),
      jobDuration(job, now),
      since(job.metadata.creationTimestamp, now),
      ...containerCells(job.spec?.template?.spec?.containers),
      labelSelectorText(job.spec?.selector),
    ];
  },
};

interface CronJob extends KObject {
  spec?: { schedule?: string; timeZone?: string | null; suspend?: boolean | null; jobTemplate?: { spec?: JobSpec } };
  status?: { active?: unknown[]; lastScheduleTime?: string | null };
}

export const cronJobPrinter: Printer<CronJob> = {
  columns: [
    NAME,
    col('Schedule', 'Cron schedule.'),
    col('Timezone', 'Time zone of the schedule.'),
    col('Suspend', 'Whether new runs are suspended.', { type: 'boolean' }),
    col('Active', 'Jobs currently running.', { type: 'integer' }),
    col('Last Schedule', 'Time since the last scheduled run.'),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(cj, now) {
    const spec = cj.spec ?? {};
    const jobSpec = spec.jobTemplate?.spec;
    const last = cj.status?.lastScheduleTime;
    return [
      cj.metadata.name ?? '',
      spec.schedule ?? '',
      spec.timeZone ?? '<none>',
      boolText(spec.suspend),
      (cj.status?.active ?? []).length,
      last ? since(last, now) : '<none>',
      since(cj.metadata.creationTimestamp, now),
      ...containerCells(jobSpec?.template?.spec?.containers),
      labelSelectorText(jobSpec?.selector),
    ];
  },
};
