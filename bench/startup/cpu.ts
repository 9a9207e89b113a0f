// CPU per part of a pod start (the agent, podman, workerd, the bench, the machine) from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import type { AgentCluster } from '../../test/support/agent-cluster';
import { CLK_TCK } from './stats';

/** utime+stime plus those of waited-for children (runc, netavark under podman), in seconds. */
function cpuWithChildren(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** The workerd processes under this one (Miniflare's): the API, scheduler and controllers. */
function workerdPids(): number[] {
  const parents = new Map<number, number>();
  const names = new Map<number, string>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      names.set(Number(d), stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
      parents.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* gone */
    }
  }
  const under = (pid: number): boolean => {
    for (let p = parents.get(pid); p && p > 1; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...names].filter(([pid, name]) => name.startsWith('workerd') && under(pid)).map(([pid]) => pid);
}

/** CPU seconds so far of the parts a pod start exercises, and of the whole machine (all cores). */
export function cpuParts(c: AgentCluster): Record<string, number> {
  const usage = process.cpuUsage();
  const all = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1, 8).map(Number);
  return {
    agent: cpuWithChildren(c.agent.pid),
    podman: cpuWithChildren(c.podman.pid),
    workerd: workerdPids().reduce((t, p) => t + cpuWithChildren(p), 0),
    bench: (usage.user + usage.system) / 1e6,
    machine: (all[0] + all[1] + all[2] + all[4] + all[5] + all[6]) / CLK_TCK,
  };
}
