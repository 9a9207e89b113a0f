// batch/v1: Job and CronJob.
import type { ResourceDef } from '../../registry/types';
import { jobs } from './job';
import { cronJobs } from './cronjob';

export { job, jobTemplateSpec, jobGenerateSelector, defaultJob, type Job } from './job';
export { cronJob, type CronJob } from './cronjob';

/** Resources of this API group. */
export const resources: ResourceDef<any>[] = [jobs, cronJobs];
