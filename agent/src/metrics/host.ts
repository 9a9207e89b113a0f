// The node's own usage from procfs: busy CPU time from the first line of /proc/stat (every column but
// idle and iowait, in USER_HZ ticks of 10 ms on Linux) and the working set as MemTotal - MemAvailable,
// the memory the kernel could not hand out without reclaiming from a process.
import { readFile } from 'node:fs/promises';

const NANOS_PER_TICK = 10_000_000; // USER_HZ is 100 on every Linux architecture

export interface HostUsage {
  cpuNanos: number;
  memoryWorkingSetBytes: number;
}

export function parseProcStat(text: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return undefined;
  // Columns: user nice system idle iowait irq softirq steal ...; idle and iowait are not busy time.
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = [user, nice, system, irq, softirq, steal].reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  return busy * NANOS_PER_TICK;
}

export function parseMeminfo(text: string): number | undefined {
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : undefined;
  };
  const total = kb('MemTotal');
  const available = kb('MemAvailable');
  return total === undefined || available === undefined ? undefined : total - available;
}

export async function readHostUsage(procDir = '/proc'): Promise<HostUsage | undefined> {
  try {
    const [stat, meminfo] = await Promise.all([readFile(`${procDir}/stat`, 'utf8'), readFile(`${procDir}/meminfo`, 'utf8')]);
    const cpuNanos = parseProcStat(stat);
    const memoryWorkingSetBytes = parseMeminfo(meminfo);
    if (cpuNanos === undefined || memoryWorkingSetBytes === undefined) return undefined;
    return { cpuNanos, memoryWorkingSetBytes };
  } catch {
    return undefined;
  }
}
