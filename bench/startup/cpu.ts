// CPU per part of a pod start (the agent, podman, workerd, the bench, the machine) from /proc.
import { readFileSync } from 'node:fs';
import type { AgentCluster } from '../../test/support/agent-cluster';
import { CLK_TCK, cpuWithChildren, workerdCpu } from '../support/proc';

/** CPU seconds so far of the parts a pod start exercises, and of the whole machine (all cores). */
export function cpuParts(c: AgentCluster): Record<string, number> {
  const usage = process.cpuUsage();
  const all = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1, 8).map(Number);
  return {
    agent: cpuWithChildren(c.agent.pid),
    podman: cpuWithChildren(c.podman.pid),
    workerd: workerdCpu(),
    bench: (usage.user + usage.system) / 1e6,
    machine: (all[0] + all[1] + all[2] + all[4] + all[5] + all[6]) / CLK_TCK,
  };
}
