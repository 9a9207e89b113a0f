// A CronJob's schedule as Kubernetes reads it (robfig/cron's standard parser): five fields, the
// macros @yearly/@annually/@monthly/@weekly/@daily/@midnight/@hourly, @every <duration>, in
// spec.timeZone (or a legacy TZ=/CRON_TZ= prefix), else UTC, the controller's zone here. The field
// arithmetic, including daylight-saving changes, is cron-parser's.
import { CronExpressionParser } from 'cron-parser';

export interface Schedule {
  /** The first activation strictly after `t` (ms), or undefined when there is none. */
  next(t: number): number | undefined;
  timeZone: string;
}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go's time.ParseDuration for the positive durations @every takes ("1h30m", "90s", "1.5h"). */
export function parseGoDuration(s: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * UNIT_MS[m[2]];
  return total;
}

/** robfig's ConstantDelaySchedule: every d (at least a second, whole seconds), from the given time. */
function every(d: number, timeZone: string): Schedule {
  const step = Math.max(1000, Math.floor(d / 1000) * 1000);
  return { timeZone, next: (t) => Math.floor(t / 1000) * 1000 + step };
}

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parses the schedule; throws an Error whose message is the reason (for the event). */
export function parseSchedule(schedule: string, timeZone?: string): Schedule {
  let expr = schedule.trim();
  let tz = timeZone;
  const prefix = /^(?:CRON_)?TZ=(\S+)\s+/.exec(expr);
  if (prefix) {
    expr = expr.slice(prefix[0].length);
    tz ??= prefix[1];
  }
  tz ??= 'UTC';
  if (!validZone(tz)) throw new Error(`unknown time zone ${tz}`);
  if (expr.startsWith('@every ')) {
    const d = parseGoDuration(expr.slice(7).trim());
    if (d === undefined) throw new Error(`failed to parse duration ${expr}`);
    return every(d, tz);
  }
  if (expr.startsWith('@')) {
    const m = MACROS[expr];
    if (!m) throw new Error(`unrecognized descriptor: ${expr}`);
    expr = m;
  }
  const fields = expr.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: ${expr}`);
  // Parsed once to surface syntax errors now rather than at the first activation.
  CronExpressionParser.parse(fields.join(' '), { tz });
  const text = fields.join(' ');
  return {
    timeZone: tz,
    next(t) {
      try {
        return CronExpressionParser.parse(text, { currentDate: new Date(t), tz }).next().getTime();
      } catch {
        return undefined; // no activation left (e.g. February 31st)
      }
    },
  };
}
