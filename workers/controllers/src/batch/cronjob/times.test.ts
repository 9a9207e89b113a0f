import { describe, expect, it } from 'vitest';
import { parseSchedule } from './schedule';
import { cronJob, iso } from './testing';
import { jobNameFor, mostRecentScheduleTime, nextScheduleDelayMs, rfc3339In } from './times';

const everyMinute = parseSchedule('* * * * *');

describe('mostRecentScheduleTime', () => {
  it('nothing is due before the first activation after creation', () => {
    const r = mostRecentScheduleTime(cronJob({}, undefined, '2024-01-01T00:00:10Z'), iso('2024-01-01T00:00:50Z'), everyMinute, true);
    expect(r).toEqual({ earliest: iso('2024-01-01T00:00:10Z'), missed: 'none' });
  });

  it('the one activation since the last schedule is due', () => {
    const cj = cronJob({}, { lastScheduleTime: '2024-01-01T00:05:00Z' });
    const r = mostRecentScheduleTime(cj, iso('2024-01-01T00:06:20Z'), everyMinute, true);
    expect(r).toMatchObject({ mostRecent: iso('2024-01-01T00:06:00Z'), missed: 'none' });
  });

  it('after downtime only the most recent missed activation is due', () => {
    const cj = cronJob({}, { lastScheduleTime: '2024-01-01T00:05:00Z' });
    const r = mostRecentScheduleTime(cj, iso('2024-01-01T00:30:20Z'), everyMinute, true);
    expect(r).toMatchObject({ mostRecent: iso('2024-01-01T00:30:00Z'), missed: 'few' });
  });

  it('more than 100 missed activations are "many"', () => {
    const cj = cronJob({}, { lastScheduleTime: '2024-01-01T00:00:00Z' });
    const r = mostRecentScheduleTime(cj, iso('2024-01-02T00:00:30Z'), everyMinute, true);
    expect(r).toMatchObject({ mostRecent: iso('2024-01-02T00:00:00Z'), missed: 'many' });
  });

  it('startingDeadlineSeconds bounds how far back it looks', () => {
    const cj = cronJob({ startingDeadlineSeconds: 200, schedule: '0 * * * *' }, { lastScheduleTime: '2024-01-01T00:00:00Z' });
    expect(mostRecentScheduleTime(cj, iso('2024-01-01T05:10:00Z'), parseSchedule('0 * * * *'), true).mostRecent).toBeUndefined();
    expect(mostRecentScheduleTime(cj, iso('2024-01-01T05:03:00Z'), parseSchedule('0 * * * *'), true).mostRecent).toBe(iso('2024-01-01T05:00:00Z'));
  });

  it('irregular schedules still find the latest activation', () => {
    const s = parseSchedule('30 6-16/4 * * 1-5');
    const cj = cronJob({}, { lastScheduleTime: '2024-01-01T06:30:00Z' });
    expect(mostRecentScheduleTime(cj, iso('2024-01-09T12:00:00Z'), s, true).mostRecent).toBe(iso('2024-01-09T10:30:00Z'));
  });
});

describe('next wake-up, names and timestamps', () => {
  it('wakes just after the next activation', () => {
    const cj = cronJob({}, { lastScheduleTime: '2024-01-01T00:05:00Z' });
    expect(nextScheduleDelayMs(cj, iso('2024-01-01T00:05:20Z'), everyMinute)).toBe(40_100);
  });

  it('after missed activations with none due, wakes at the next one after now', () => {
    const cj = cronJob({ schedule: '0 * * * *' }, { lastScheduleTime: '2024-01-01T00:00:00Z' });
    expect(nextScheduleDelayMs(cj, iso('2024-01-01T05:10:00Z'), parseSchedule('0 * * * *'))).toBe(50 * 60_000 + 100);
  });

  it('names jobs by the scheduled minute since the epoch', () => {
    expect(jobNameFor(cronJob(), iso('2024-01-01T00:06:00Z'))).toBe(`tick-${iso('2024-01-01T00:06:00Z') / 60_000}`);
    expect(jobNameFor(cronJob(), iso('2024-01-01T00:06:00Z'))).toBe('tick-28401126');
  });

  it('formats the scheduled time in the schedule zone', () => {
    expect(rfc3339In(iso('2024-01-01T14:00:00Z'), 'America/New_York')).toBe('2024-01-01T09:00:00-05:00');
    expect(rfc3339In(iso('2024-01-01T03:30:00Z'), 'Asia/Kolkata')).toBe('2024-01-01T09:00:00+05:30');
    expect(rfc3339In(iso('2024-01-01T03:30:00Z'), 'UTC')).toBe('2024-01-01T03:30:00Z');
  });
});
