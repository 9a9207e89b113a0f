// Which scheduled time is due (upstream's mostRecentScheduleTime and nextScheduleTime): from the last
// schedule time (or the creation time), bounded by startingDeadlineSeconds, the most recent missed
// activation, never every missed one, so a controller that was down runs at most one catch-up job.
import { timeMs } from '../../controllers/common/time';
import type { Schedule } from './schedule';
import type { CronJob } from './types';

export type Missed = 'none' | 'few' | 'many';

/** More missed activations than this is a clock problem, not downtime: warn (as upstream, 100). */
export const MANY_MISSED = 100;
/** Wake slightly after the activation so it is certainly due (upstream's nextScheduleDelta). */
export const NEXT_SCHEDULE_DELTA_MS = 100;

export interface MostRecent {
  /** Where the search started: last schedule time, creation time, or the starting deadline. */
  earliest: number;
  /** The latest activation in (earliest, now], if any. */
  mostRecent?: number;
  missed: Missed;
}

export function mostRecentScheduleTime(cj: CronJob, now: number, s: Schedule, withDeadline: boolean): MostRecent {
  let earliest = timeMs(cj.status?.lastScheduleTime) ?? timeMs(cj.metadata.creationTimestamp) ?? now;
  const sds = cj.spec?.startingDeadlineSeconds;
  if (withDeadline && sds !== undefined) earliest = Math.max(earliest, now - sds * 1000);
  const t1 = s.next(earliest);
  if (t1 === undefined || now < t1) return { earliest, missed: 'none' };
  const t2 = s.next(t1);
  if (t2 === undefined || now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  // Estimate how many were missed from the period between two activations, then walk only the
  // last stretch (schedules need not be regular, so step back one period more than needed).
  const period = Math.max(1000, Math.round((t2 - t1) / 1000) * 1000);
  const count = Math.floor((now - t1) / period) + 1;
  let mostRecent: number | undefined;
  for (let t = s.next(t1 + (count - 2) * period); t !== undefined && t <= now; t = s.next(t)) mostRecent = t;
  const missed: Missed = count > MANY_MISSED ? 'many' : count > 1 ? 'few' : 'none';
  return { earliest, mostRecent, missed };
}

/** When the controller should look again, in ms from now. */
export function nextScheduleDelayMs(cj: CronJob, now: number, s: Schedule): number | undefined {
  const r = mostRecentScheduleTime(cj, now, s, false);
  const from = r.mostRecent ?? (r.missed === 'none' ? r.earliest : now);
  const next = s.next(from);
  return next === undefined ? undefined : Math.max(0, next + NEXT_SCHEDULE_DELTA_MS - now);
}

/** Job names carry the scheduled time in minutes since the epoch, so one activation makes one Job. */
export const jobNameFor = (cj: CronJob, scheduled: number) => `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;

/** RFC 3339 with the zone's offset at that instant, as Go's time.Format(time.RFC3339) in that zone. */
export function rfc3339In(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offsetMin = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  const base = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  if (offsetMin === 0) return `${base}Z`;
  const sign = offsetMin > 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  return `${base}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
