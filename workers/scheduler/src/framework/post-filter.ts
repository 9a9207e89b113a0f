// PostFilter: runs when no node fits (preemption). Records what it decided on the diagnosis.
import type { Diagnosis } from './diagnosis';
import type { Framework } from './framework';
import type { Cycle, NodeToStatus, PostFilterContext } from './interfaces';
import type { Rng } from './rng';
import { Code } from './status';
import type { DisruptionBudget } from './types';

export function runPostFilter(fw: Framework, cycle: Cycle, diag: Diagnosis, pdbs: readonly DisruptionBudget[], rng: Rng): { error?: string } {
  if (fw.postFilter.length === 0) return {};
  // Preemption needs a verdict for every node, including those PreFilter ruled out wholesale.
  const filtered: NodeToStatus = new Map(diag.nodeToStatus);
  if (diag.absentNodesStatus) for (const ni of cycle.snapshot.nodes) if (!filtered.has(ni.name)) filtered.set(ni.name, diag.absentNodesStatus);
  const ctx: PostFilterContext = {
    runFilters: (c, ni) => fw.runFilters(c, ni),
    runAddPod: (c, p, ni) => fw.runAddPod(c, p, ni),
    runRemovePod: (c, p, ni) => fw.runRemovePod(c, p, ni),
    pdbs,
    rand: rng,
  };
  const reasons: string[] = [];
  for (const pl of fw.postFilter) {
    const { status, result } = pl.postFilter(cycle, filtered, ctx);
    if (status.code === Code.Success) {
      diag.nominatedNodeName = result?.nominatedNodeName;
      diag.victims = result?.victims;
      return {};
    }
    if (status.code === Code.Error) return { error: status.message() };
    if (status.message()) reasons.push(status.message());
    if (status.code === Code.UnschedulableAndUnresolvable) break;
  }
  if (reasons.length > 0) diag.postFilterMsg = reasons.join(', ');
  return {};
}
