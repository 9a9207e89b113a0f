// batch/v1 controllers: Job and CronJob.
export { jobController } from './job/controller';
export { cronJobController } from './cronjob/controller';
