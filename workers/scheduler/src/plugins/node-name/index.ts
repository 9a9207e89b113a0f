// NodeName: a pod that names its node fits only there.
import type { Cycle, FilterPlugin } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { Code, fixed, SUCCESS } from '../../framework/status';

export const name = 'NodeName';
export const ERR_REASON = "node(s) didn't match the requested node name";

const REJECT = fixed(Code.UnschedulableAndUnresolvable, ERR_REASON, name);

export function New(): FilterPlugin {
  return {
    name,
    filter(cycle: Cycle, ni: NodeInfo) {
      const want = cycle.pod.spec.nodeName;
      return !want || want === ni.name ? SUCCESS : REJECT;
    },
  };
}
