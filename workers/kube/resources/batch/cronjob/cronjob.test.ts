import { describe, it, expect } from 'vitest';
import { admit, unknownFields } from '../../apps/testing/helpers';
import { cronJobs } from './index';
import { cronScheduleError } from './schedule';

// What `kubectl create cronjob hello --image=busybox --schedule="*/1 * * * *" --dry-run=client -o yaml` prints, nulls removed.
const kubectlCreate = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'hello' },
  spec: {
    jobTemplate: { metadata: { name: 'hello' }, spec: { template: { metadata: {}, spec: { containers: [{ image: 'busybox', name: 'hello', resources: {} }], restartPolicy: 'OnFailure' } } } },
    schedule: '*/1 * * * *',
  },
  status: {},
};

describe('CronJob', () => {
  it('accepts what kubectl create prints and defaults like upstream', () => {
    const { obj, errors } = admit(cronJobs, kubectlCreate);
    expect(errors).toEqual([]);
    expect(obj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    // The job template gets pod defaults only, not JobSpec defaults.
    expect(obj.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(obj.spec.jobTemplate.spec.template.spec.dnsPolicy).toBe('ClusterFirst');
  });

  it('accepts every field and reports unknown ones', () => {
    const c = structuredClone(kubectlCreate) as any;
    Object.assign(c.spec, { timeZone: 'Europe/Berlin', startingDeadlineSeconds: 100, concurrencyPolicy: 'Forbid', suspend: true, successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0 });
    c.status = { active: [{ kind: 'Job', name: 'hello-1', namespace: 'default', uid: 'u', apiVersion: 'batch/v1', resourceVersion: '5' }], lastScheduleTime: '2026-01-01T00:00:00Z', lastSuccessfulTime: '2026-01-01T00:00:00Z' };
    expect(admit(cronJobs, c).errors).toEqual([]);
    c.spec.jobTemplate.spec.template.spec.restartPolicyy = 'Never';
    c.spec.scheduel = '@daily';
    expect(unknownFields(cronJobs, c).sort()).toEqual(['spec.jobTemplate.spec.template.spec.restartPolicyy', 'spec.scheduel']);
  });

  it('validates schedule, time zone and concurrency policy', () => {
    const c = structuredClone(kubectlCreate) as any;
    c.spec.schedule = '* * *';
    c.spec.timeZone = 'Mars/Olympus';
    c.spec.concurrencyPolicy = 'Sometimes';
    expect(admit(cronJobs, c).errors).toEqual([
      'spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]',
      'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
      'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
    ]);
    c.spec = { ...structuredClone(kubectlCreate.spec), schedule: '' };
    expect(admit(cronJobs, c).errors).toEqual(['spec.schedule: Required value']);
    c.spec.schedule = 'CRON_TZ=UTC 0 * * * *';
    c.spec.timeZone = 'Local';
    expect(admit(cronJobs, c).errors).toEqual([
      'spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
    ]);
  });

  it('validates the job template with its own path', () => {
    const c = structuredClone(kubectlCreate) as any;
    delete c.spec.jobTemplate.spec.template.spec.restartPolicy;
    c.spec.jobTemplate.spec.selector = { matchLabels: { a: 'b' } };
    c.spec.jobTemplate.spec.manualSelector = true;
    c.spec.jobTemplate.spec.backoffLimit = -1;
    expect(admit(cronJobs, c).errors).toEqual([
      'spec.jobTemplate.spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
      'spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated',
      'spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"',
    ]);
  });

  it('limits names to 52 characters so job names fit', () => {
    expect(cronJobs.nameValidator!('a'.repeat(52))).toEqual([]);
    expect(cronJobs.nameValidator!('a'.repeat(53))).toEqual(['must be no more than 52 characters']);
  });
});

describe('cron schedule check', () => {
  it.each(['0 0 * * *', '*/15 9-17 * * mon-fri', '0 0 1,15 * *', '@hourly', '@every 1h30m', '0 12 * JAN,DEC SUN', '5 4 * * 7'])('accepts %s', (s) => {
    expect(cronScheduleError(s)).toBeUndefined();
  });
  it.each([
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['* * * foo *', 'failed to parse int from foo'],
  ])('rejects %s', (s, msg) => {
    expect(cronScheduleError(s)).toBe(msg);
  });
});
