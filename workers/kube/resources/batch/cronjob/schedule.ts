// A light check of standard cron syntax (five fields or a @descriptor), worded like the Go cron
// parser upstream uses. Field values are range-checked; full semantics live with the controller.

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const FIELDS: [string, number, number, string[]?][] = [
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['day of month', 1, 31],
  ['month', 1, 12, ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']],
  ['day of week', 0, 7, ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']],
];

/** Returns the parse error message, or undefined when the schedule is valid. */
export function cronScheduleError(schedule: string): string | undefined {
  let s = schedule.trim();
  // A leading TZ=/CRON_TZ= is parsed (and then rejected separately by validation).
  const tz = /^(CRON_)?TZ=\S+\s+/.exec(s);
  if (tz) s = s.slice(tz[0].length);
  if (s.startsWith('@')) {
    if (DESCRIPTORS.includes(s)) return undefined;
    if (s.startsWith('@every ')) return /^@every\s+(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(s) ? undefined : `failed to parse duration ${s}`;
    return `unrecognized descriptor: ${s}`;
  }
  const parts = s.split(/\s+/).filter(Boolean);
  if (parts.length !== 5) return `expected exactly 5 fields, found ${parts.length}: ${JSON.stringify(parts).replaceAll('"', '').replaceAll(',', ' ')}`;
  for (let i = 0; i < 5; i++) {
    const err = fieldError(parts[i], FIELDS[i]);
    if (err) return err;
  }
  return undefined;
}

function fieldError(field: string, [, min, max, names]: [string, number, number, string[]?]): string | undefined {
  for (const expr of field.split(',')) {
    const [range, step, ...extra] = expr.split('/');
    if (extra.length) return `too many slashes: ${expr}`;
    if (step !== undefined && !/^\d+$/.test(step)) return `failed to parse int from ${step}`;
    if (range === '*' || range === '?') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `too many hyphens: ${expr}`;
    for (const b of bounds) {
      const n = /^\d+$/.test(b) ? Number(b) : names ? names.indexOf(b.toLowerCase()) + (min === 1 ? 1 : 0) : NaN;
      if (Number.isNaN(n) || (names && !/^\d+$/.test(b) && names.indexOf(b.toLowerCase()) < 0)) return `failed to parse int from ${b}`;
      if (n < min) return `beginning of range (${n}) below minimum (${min}): ${expr}`;
      if (n > max) return `end of range (${n}) above maximum (${max}): ${expr}`;
    }
  }
  return undefined;
}
