// The CronJob resource (batch/v1).
import type { ResourceDef } from '../../../registry/types';
import { FieldErrors } from '../../../validation/field-errors';
import { dns1123Subdomain } from '../../../validation/names';
import { nonNegative } from '../../apps/common/checks';
import type { Stored } from '../../apps/common/types';
import { defaultPodSpec, type PodSpec } from '../../core/pod/spec';
import { validateJobSpecBody } from '../job/validate-spec';
import { cronJob, type CronJob } from './schema';
import { cronScheduleError } from './schedule';

export { cronJob, type CronJob } from './schema';
export { cronScheduleError } from './schedule';

/** CronJob defaults; its job template gets only pod defaults (JobSpec defaults apply to created Jobs). */
export function defaultCronJob(cj: CronJob) {
  const spec = (cj.spec ??= {});
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const template = (((spec.jobTemplate ??= {}).spec ??= {}).template ??= {});
  defaultPodSpec((template.spec ??= {} as PodSpec));
}

function validateTimeZone(tz: string | undefined, errs: FieldErrors) {
  const field = 'spec.timeZone';
  if (tz === undefined) return;
  if (tz === '') return errs.invalid(field, tz, 'timeZone must be nil or non-empty string');
  const badPart = tz.split('/').some((p) => p === '.' || p === '..' || p.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(p));
  if (badPart) return errs.invalid(field, tz, `unknown time zone ${tz}`);
  if (tz.toLowerCase() === 'local') errs.invalid(field, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
  else if (!knownTimeZone(tz)) errs.invalid(field, tz, `unknown time zone ${tz}`);
}

function knownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function validateSchedule(schedule: string | undefined, errs: FieldErrors) {
  const field = 'spec.schedule';
  if (!schedule) return errs.required(field);
  const err = cronScheduleError(schedule);
  if (err) errs.invalid(field, schedule, err);
  // Upstream tolerates TZ= only on old objects that already had it; this server never stored one.
  if (schedule.includes('TZ')) errs.invalid(field, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
}

export function validateCronJobSpec(cj: CronJob, errs: FieldErrors) {
  const spec = cj.spec ?? {};
  validateSchedule(spec.schedule, errs);
  nonNegative(errs, 'spec.startingDeadlineSeconds', spec.startingDeadlineSeconds);
  validateTimeZone(spec.timeZone, errs);
  const cp = spec.concurrencyPolicy;
  if (!cp) errs.required('spec.concurrencyPolicy');
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']);
  const jobSpec = spec.jobTemplate?.spec ?? {};
  validateJobSpecBody(jobSpec, 'spec.jobTemplate.spec', errs);
  // Each created Job gets its own generated selector.
  if (jobSpec.selector) errs.invalid('spec.jobTemplate.spec.selector', jobSpec.selector, '`selector` will be auto-generated');
  if (jobSpec.manualSelector === true) errs.notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']);
  nonNegative(errs, 'spec.successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit);
  nonNegative(errs, 'spec.failedJobsHistoryLimit', spec.failedJobsHistoryLimit);
}

export const cronJobs: ResourceDef<Stored<CronJob>> = {
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  plural: 'cronjobs',
  singular: 'cronjob',
  namespaced: true,
  shortNames: ['cj'],
  categories: ['all'],
  schema: cronJob,
  // Jobs are named "<cronjob>-<11 digit suffix>" and job names must stay within 63 characters.
  // (Upstream checks this on create only; the server applies name rules on create.)
  nameValidator: (name) => [...dns1123Subdomain(name), ...(name.length > 52 ? ['must be no more than 52 characters'] : [])],
  status: true,
  generation: 'spec',
  defaults: defaultCronJob,
  validate: validateCronJobSpec,
};
