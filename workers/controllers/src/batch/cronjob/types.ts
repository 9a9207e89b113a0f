// The CronJob shapes the decisions read, and upstream's names.
import type { CronJob as CronJobSchema } from '../../../../kube/resources/batch/cronjob/schema';
import type { KObject } from '../../controllers/common/types';
import type { Job } from '../job/types';

export type CronJob = CronJobSchema & KObject;
export type CronJobStatus = NonNullable<CronJob['status']>;
export type JobRef = NonNullable<CronJobStatus['active']>[number];
export type { Job };

/** On each Job a CronJob creates: its nominal start, RFC 3339 in the schedule's time zone. */
export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
