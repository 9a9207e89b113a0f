import { describe, expect, it } from 'vitest';
import { parseMeminfo, parseProcStat } from './host';

describe('host usage from procfs', () => {
  it('counts busy cpu ticks (not idle or iowait) in nanoseconds', () => {
    const stat = 'cpu  100 5 50 9000 40 3 2 0 0 0\ncpu0 50 2 25 4500 20 1 1 0 0 0\nintr 1\n';
    expect(parseProcStat(stat)).toBe((100 + 5 + 50 + 3 + 2 + 0) * 10_000_000);
    expect(parseProcStat('intr 1\n')).toBeUndefined();
  });

  it('takes the working set as MemTotal - MemAvailable', () => {
    const meminfo = 'MemTotal:       16384000 kB\nMemFree:         1000000 kB\nMemAvailable:   12288000 kB\n';
    expect(parseMeminfo(meminfo)).toBe((16384000 - 12288000) * 1024);
    expect(parseMeminfo('MemTotal: 5 kB\n')).toBeUndefined();
  });
});
