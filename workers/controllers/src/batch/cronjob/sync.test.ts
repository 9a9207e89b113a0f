import { describe, expect, it } from 'vitest';
import { syncCronJob, withCreated } from './sync';
import { cronJob, iso, ownedJob } from './testing';
import { SCHEDULED_TIMESTAMP } from './types';

const NOW = iso('2024-01-01T00:06:20Z');
const ran = { lastScheduleTime: '2024-01-01T00:05:00Z' };
const names = (jobs: { metadata: { name?: string } }[]) => jobs.map((j) => j.metadata.name);

describe('syncCronJob: starting jobs', () => {
  it('starts the due activation as a Job named after its minute, and wakes for the next one', () => {
    const d = syncCronJob(cronJob({ timeZone: 'Europe/Paris' }, ran), [], NOW);
    expect(d.create?.scheduledTime).toBe(iso('2024-01-01T00:06:00Z'));
    const job = d.create!.job;
    expect(job.metadata.name).toBe('tick-28401126');
    expect(job.metadata.annotations?.[SCHEDULED_TIMESTAMP]).toBe('2024-01-01T01:06:00+01:00');
    expect(job.metadata.labels).toEqual({ app: 'tick' });
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'tick', uid: 'uid-tick', controller: true, blockOwnerDeletion: true });
    expect(job.spec?.template?.spec?.restartPolicy).toBe('Never');
    expect(d.requeueAfterMs).toBe(40_100);
  });

  it('does not start the same activation twice', () => {
    const cj = cronJob({}, { lastScheduleTime: '2024-01-01T00:06:00Z' });
    expect(syncCronJob(cj, [], NOW).create).toBeUndefined();
  });

  it('after downtime runs one catch-up job for the most recent activation, warning when too many were missed', () => {
    const few = syncCronJob(cronJob({}, ran), [], iso('2024-01-01T01:00:30Z'));
    expect(few.create?.scheduledTime).toBe(iso('2024-01-01T01:00:00Z'));
    expect(few.events.map((e) => e.reason)).not.toContain('TooManyMissedTimes');
    const many = syncCronJob(cronJob({}, ran), [], iso('2024-01-03T00:00:30Z'));
    expect(many.create?.scheduledTime).toBe(iso('2024-01-03T00:00:00Z'));
    expect(many.events).toContainEqual({ type: 'Warning', reason: 'TooManyMissedTimes', message: 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew' });
  });

  it('a start later than startingDeadlineSeconds is skipped', () => {
    // 00:06:00 was due, but 20 s late is past a 10 s deadline; 30 s is within it.
    const d = syncCronJob(cronJob({ startingDeadlineSeconds: 10 }, ran), [], NOW);
    expect(d.create).toBeUndefined();
    expect(d.requeueAfterMs).toBe(40_100);
    expect(syncCronJob(cronJob({ startingDeadlineSeconds: 30 }, ran), [], NOW).create?.scheduledTime).toBe(iso('2024-01-01T00:06:00Z'));
  });

  it('a suspended CronJob starts nothing and does not wake for the schedule', () => {
    const d = syncCronJob(cronJob({ suspend: true }, ran), [], NOW);
    expect(d.create).toBeUndefined();
    expect(d.requeueAfterMs).toBeUndefined();
  });

  it('an unparseable schedule is an event, not a retry loop', () => {
    const d = syncCronJob(cronJob({ schedule: 'every minute' }, ran), [], NOW);
    expect(d.events[0]).toMatchObject({ type: 'Warning', reason: 'UnparseableSchedule' });
    expect(d.requeueAfterMs).toBeUndefined();
  });
});

describe('syncCronJob: concurrency policies', () => {
  const base = cronJob();
  const running = ownedJob(base, 'tick-28401125', { state: 'running' });
  const withActive = (policy: string) => cronJob({ concurrencyPolicy: policy }, { ...ran, active: [{ kind: 'Job', name: running.metadata.name, namespace: 'default', uid: running.metadata.uid, apiVersion: 'batch/v1' }] });
  it('Allow starts the next job next to the running one', () => {
    const d = syncCronJob(withActive('Allow'), [running], NOW);
    expect(d.create).toBeDefined();
    expect(d.deleteJobs).toEqual([]);
  });
  it('Forbid skips the activation while one runs', () => {
    const d = syncCronJob(withActive('Forbid'), [running], NOW);
    expect(d.create).toBeUndefined();
    expect(d.events.map((e) => e.reason)).toEqual(['JobAlreadyActive']);
  });
  it('Replace deletes the running job and starts the new one', () => {
    const d = syncCronJob(withActive('Replace'), [running], NOW);
    expect(names(d.deleteJobs)).toEqual(['tick-28401125']);
    expect(d.create).toBeDefined();
    expect(d.status.active).toBeUndefined();
  });
});

describe('syncCronJob: status and history', () => {
  const cj = cronJob({ successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 1 });
  it('drops finished and vanished jobs from active and records the last success', () => {
    const done = ownedJob(cj, 'a', { state: 'complete', start: '2024-01-01T00:01:00Z', completion: '2024-01-01T00:01:30Z' });
    const s = { ...ran, active: [{ kind: 'Job', name: 'a', uid: 'uid-a' }, { kind: 'Job', name: 'gone', uid: 'uid-gone' }] };
    const d = syncCronJob(cronJob({ suspend: true }, s), [done], NOW);
    expect(d.status.active).toBeUndefined();
    expect(d.status.lastSuccessfulTime).toBe('2024-01-01T00:01:30Z');
    expect(d.events.map((e) => e.reason)).toEqual(['SawCompletedJob']);
  });

  it('tracks a running job it owns but forgot (e.g. created just before a restart)', () => {
    const d = syncCronJob(cronJob({ suspend: true }, ran), [ownedJob(cronJob(), 'x', { state: 'running' })], NOW);
    expect(d.status.active?.map((r) => r.name)).toEqual(['x']);
    expect(d.events[0].reason).toBe('UnexpectedJob');
  });

  it('keeps the newest successful and failed jobs up to their limits', () => {
    const jobs = [
      ownedJob(cj, 's1', { state: 'complete', start: '2024-01-01T00:01:00Z' }),
      ownedJob(cj, 's3', { state: 'complete', start: '2024-01-01T00:03:00Z' }),
      ownedJob(cj, 's2', { state: 'complete', start: '2024-01-01T00:02:00Z' }),
      ownedJob(cj, 'f1', { state: 'failed', start: '2024-01-01T00:01:00Z' }),
      ownedJob(cj, 'f2', { state: 'failed', start: '2024-01-01T00:02:00Z' }),
      ownedJob(cj, 'r', { state: 'running', start: '2024-01-01T00:00:00Z' }),
    ];
    expect(names(syncCronJob(cj, jobs, NOW).deleteJobs)).toEqual(['s1', 'f1']);
  });

  it('ignores jobs it does not control', () => {
    const stranger = ownedJob(cronJob({}, undefined), 'other', { state: 'complete' });
    stranger.metadata.ownerReferences = [];
    expect(syncCronJob(cronJob({ successfulJobsHistoryLimit: 0 }), [stranger], NOW).deleteJobs).toEqual([]);
  });

  it('withCreated adds the job to active and sets lastScheduleTime', () => {
    const j = ownedJob(cj, 'tick-28401126');
    expect(withCreated({}, j, iso('2024-01-01T00:06:00Z'))).toEqual({ active: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'tick-28401126', namespace: 'default', uid: 'uid-tick-28401126' }], lastScheduleTime: '2024-01-01T00:06:00Z' });
  });
});
