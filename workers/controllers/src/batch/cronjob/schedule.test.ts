import { describe, expect, it } from 'vitest';
import { parseGoDuration, parseSchedule } from './schedule';
import { iso } from './testing';

const nextOf = (schedule: string, after: string, tz?: string) => new Date(parseSchedule(schedule, tz).next(iso(after))!).toISOString();

describe('parseSchedule: the cron syntax Kubernetes accepts', () => {
  it.each([
    { schedule: '* * * * *', after: '2024-01-01T00:00:30Z', next: '2024-01-01T00:01:00.000Z' },
    { schedule: '* * * * *', after: '2024-01-01T00:01:00Z', next: '2024-01-01T00:02:00.000Z' },
    { schedule: '*/15 * * * *', after: '2024-01-01T00:07:00Z', next: '2024-01-01T00:15:00.000Z' },
    { schedule: '0 0 13 * 5', after: '2024-01-01T00:00:00Z', next: '2024-01-05T00:00:00.000Z' },
    { schedule: '0 0 * JAN-MAR MON', after: '2024-01-01T00:07:00Z', next: '2024-01-08T00:00:00.000Z' },
    { schedule: '@hourly', after: '2024-01-01T00:00:00Z', next: '2024-01-01T01:00:00.000Z' },
    { schedule: '@daily', after: '2024-01-01T05:00:00Z', next: '2024-01-02T00:00:00.000Z' },
    { schedule: '@midnight', after: '2024-01-01T05:00:00Z', next: '2024-01-02T00:00:00.000Z' },
    { schedule: '@weekly', after: '2024-01-01T00:00:00Z', next: '2024-01-07T00:00:00.000Z' },
    { schedule: '@monthly', after: '2024-01-15T00:00:00Z', next: '2024-02-01T00:00:00.000Z' },
    { schedule: '@yearly', after: '2024-01-15T00:00:00Z', next: '2025-01-01T00:00:00.000Z' },
    { schedule: '@annually', after: '2024-01-15T00:00:00Z', next: '2025-01-01T00:00:00.000Z' },
    { schedule: '@every 1h30m', after: '2024-01-01T00:00:00Z', next: '2024-01-01T01:30:00.000Z' },
  ])('$schedule after $after is $next', ({ schedule, after, next }) => {
    expect(nextOf(schedule, after)).toBe(next);
  });

  it('reads the schedule in spec.timeZone', () => {
    expect(nextOf('0 9 * * *', '2024-01-01T00:00:00Z', 'America/New_York')).toBe('2024-01-01T14:00:00.000Z');
    expect(nextOf('0 9 * * *', '2024-07-01T00:00:00Z', 'America/New_York')).toBe('2024-07-01T13:00:00.000Z');
    expect(nextOf('0 9 * * *', '2024-01-01T00:00:00Z', 'Asia/Kolkata')).toBe('2024-01-01T03:30:00.000Z');
  });

  it('across daylight-saving changes: a skipped local time runs once, after the jump; a repeated one once', () => {
    // 2024-03-10 02:30 does not exist in New York: it runs at 03:30 EDT, then 02:30 EDT the next day.
    const spring = parseSchedule('30 2 * * *', 'America/New_York');
    const first = spring.next(iso('2024-03-09T12:00:00Z'))!;
    expect(new Date(first).toISOString()).toBe('2024-03-10T07:30:00.000Z');
    expect(new Date(spring.next(first)!).toISOString()).toBe('2024-03-11T06:30:00.000Z');
    // 2024-11-03 01:30 happens twice: one run, at the first (EDT) one.
    const fall = parseSchedule('30 1 * * *', 'America/New_York');
    const once = fall.next(iso('2024-11-02T12:00:00Z'))!;
    expect(new Date(once).toISOString()).toBe('2024-11-03T05:30:00.000Z');
    expect(new Date(fall.next(once)!).toISOString()).toBe('2024-11-04T06:30:00.000Z');
  });

  it('takes a legacy TZ= / CRON_TZ= prefix as the zone', () => {
    // 09:00 JST is 00:00Z: strictly after 00:00Z on the 1st comes the 2nd.
    expect(nextOf('CRON_TZ=Asia/Tokyo 0 9 * * *', '2024-01-01T00:00:00Z')).toBe('2024-01-02T00:00:00.000Z');
    expect(nextOf('TZ=Asia/Tokyo 0 9 * * *', '2024-01-01T12:00:00Z')).toBe('2024-01-02T00:00:00.000Z');
  });

  it.each([
    { schedule: '* * * *', error: 'expected exactly 5 fields' },
    { schedule: '0 0 0 * * *', error: 'expected exactly 5 fields' },
    { schedule: '@fortnightly', error: 'unrecognized descriptor' },
    { schedule: '@every soon', error: 'failed to parse duration' },
    { schedule: '61 * * * *', error: 'Constraint error' },
    { schedule: '59 23 31 2 *', error: 'day of month' },
  ])('rejects $schedule', ({ schedule, error }) => {
    expect(() => parseSchedule(schedule)).toThrow(error);
  });

  it('rejects an unknown time zone', () => {
    expect(() => parseSchedule('* * * * *', 'Mars/Olympus')).toThrow('unknown time zone Mars/Olympus');
  });

  it('parses Go durations', () => {
    expect(parseGoDuration('90s')).toBe(90_000);
    expect(parseGoDuration('1.5h')).toBe(5_400_000);
    expect(parseGoDuration('5')).toBeUndefined();
  });
});
