// NodeUnschedulable: cordoned nodes (spec.unschedulable) take only pods tolerating the unschedulable taint.
import type { Cycle, FilterPlugin } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { Code, fixed, SUCCESS } from '../../framework/status';
import { toleratesAny } from '../../framework/taints';

export const name = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const CORDON_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
const REJECT = fixed(Code.UnschedulableAndUnresolvable, ERR_REASON_UNSCHEDULABLE, name);

export function New(): FilterPlugin {
  return {
    name,
    filter(cycle: Cycle, ni: NodeInfo) {
      if (!ni.node?.spec?.unschedulable) return SUCCESS;
      return toleratesAny(cycle.pod.spec.tolerations ?? [], CORDON_TAINT) ? SUCCESS : REJECT;
    },
  };
}
