// CronJob decisions (pure): schedules, due times, history, and one pass.
export * from './types';
export { parseSchedule, parseGoDuration, type Schedule } from './schedule';
export { mostRecentScheduleTime, nextScheduleDelayMs, jobNameFor, rfc3339In, MANY_MISSED, type Missed, type MostRecent } from './times';
export { jobsToPrune, jobFinished, jobSucceeded, jobFailed } from './history';
export { jobFromCronJob } from './job-template';
export { syncCronJob, withCreated, refOfJob, type CronJobDecision, type CronJobEvent } from './sync';
