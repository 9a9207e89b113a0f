// batch/v1 CronJob: creates Jobs on a cron schedule.
import { z } from 'zod';
import { atomicList, int32, int64, kobject, time } from '../../../schemas/meta';
import { objectReference } from '../../core/common/refs';
import { opt } from '../../apps/common/util';
import { batchId, jobTemplateSpec } from '../job/schema';

export const cronJobSpec = z
  .strictObject({
    schedule: opt(z.string(), 'Required. Cron schedule, e.g. "*/5 * * * *" or "@hourly".'),
    timeZone: opt(z.string(), 'IANA time zone of the schedule, e.g. "Etc/UTC"; the controller\'s zone when unset.'),
    startingDeadlineSeconds: opt(int64(), 'Seconds after a missed start during which the job may still start.'),
    concurrencyPolicy: opt(z.string(), 'Allow (the default), Forbid or Replace overlapping runs.'),
    suspend: opt(z.boolean(), 'While true no new jobs are started.'),
    jobTemplate: opt(jobTemplateSpec, 'Required. The job to create on each run.'),
    successfulJobsHistoryLimit: opt(int32(), 'Finished successful jobs kept; defaults to 3.'),
    failedJobsHistoryLimit: opt(int32(), 'Failed jobs kept; defaults to 1.'),
  })
  .meta({ id: batchId('CronJobSpec'), description: 'The desired behavior of a CronJob.' });

export const cronJobStatus = z
  .strictObject({
    active: opt(atomicList(objectReference), 'Jobs currently running.'),
    lastScheduleTime: opt(time(), 'When a job was last scheduled.'),
    lastSuccessfulTime: opt(time(), 'When a job last completed successfully.'),
  })
  .meta({ id: batchId('CronJobStatus'), description: 'The observed state of a CronJob.' });

export const cronJob = kobject(batchId('CronJob'), 'Creates Jobs on a repeating schedule.', {
  spec: opt(cronJobSpec, 'Desired behavior of the cron job.'),
  status: opt(cronJobStatus, 'Most recently observed state; written by the system.'),
});

export type CronJob = z.infer<typeof cronJob>;
