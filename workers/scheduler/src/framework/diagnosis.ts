// Why a pod fits nowhere, in the words users see on the PodScheduled condition.
import type { NodeToStatus } from './interfaces';
import type { Status } from './status';

export interface Diagnosis {
  numAllNodes: number;
  /** Filter verdicts per node that was evaluated. */
  nodeToStatus: NodeToStatus;
  /** Status shared by nodes PreFilter ruled out without evaluating them. */
  absentNodesStatus?: Status;
  preFilterMsg?: string;
  postFilterMsg?: string;
  unschedulablePlugins: Set<string>;
  /** Set when preemption chose a node: the pod waits for its victims to go. */
  nominatedNodeName?: string;
  victims?: readonly { metadata: { name?: string; namespace?: string } }[];
  /** Set when a plugin failed with an internal error rather than a verdict. */
  error?: string;
}

/** "0/N nodes are available: <count> <reason>, ... ." plus " preemption: ..." when PostFilter said why. */
export function fitErrorMessage(d: Diagnosis): string {
  let msg = `0/${d.numAllNodes} nodes are available:`;
  if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
  else msg += ` ${histogram(d).join(', ')}.`;
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}.`;
  return msg;
}

/** "<count> <reason>" strings sorted as plain strings, the order upstream prints them in. */
export function histogram(d: Pick<Diagnosis, 'nodeToStatus' | 'absentNodesStatus' | 'numAllNodes'>): string[] {
  const counts = new Map<string, number>();
  for (const s of d.nodeToStatus.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const absent = d.numAllNodes - d.nodeToStatus.size;
  if (d.absentNodesStatus && absent > 0) for (const r of d.absentNodesStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
  return [...counts].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
