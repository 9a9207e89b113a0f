// NodePorts: a host port (per IP and protocol) can be held by one pod per node; 0.0.0.0 claims all IPs.
import type { Cycle, FilterPlugin, PreFilterPlugin } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { Code, fixed, SKIP, SUCCESS } from '../../framework/status';

export const name = 'NodePorts';
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

const REJECT = fixed(Code.Unschedulable, ERR_REASON, name);

export function New(): PreFilterPlugin & FilterPlugin {
  return {
    name,
    preFilter(cycle: Cycle) {
      // Pods without host ports (almost all) skip the Filter entirely.
      return { status: cycle.podInfo.hostPorts.length === 0 ? SKIP : SUCCESS };
    },
    filter(cycle: Cycle, ni: NodeInfo) {
      if (ni.usedPorts.size === 0) return SUCCESS;
      for (const hp of cycle.podInfo.hostPorts) if (ni.portInUse(hp)) return REJECT;
      return SUCCESS;
    },
  };
}
