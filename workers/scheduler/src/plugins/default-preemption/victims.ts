// Victim selection on one node: remove every lower-priority pod, check the preemptor fits, then give
// pods back one by one (PDB-protected first, most important first) while it still fits.
import { isEverything, matchesLabels, selectorFromLabelSelector, type LabelSelector } from '../../../../kube/selectors/labels';
import type { Cycle, PostFilterContext } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { Code, Status } from '../../framework/status';
import type { DisruptionBudget } from '../../framework/types';

export const NO_VICTIMS = 'No preemption victims found for incoming pod';

/** Higher priority first; among equals the one that started earlier (it has done more work). */
export function moreImportant(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.startTime - b.startTime || 0;
}

function budgetSelector(b: DisruptionBudget): LabelSelector | null {
  try {
    const sel = selectorFromLabelSelector(b.selector as Parameters<typeof selectorFromLabelSelector>[0]);
    // A budget with no selector, or an empty one, protects nothing.
    return sel.nothing || isEverything(sel) ? null : sel;
  } catch {
    return null;
  }
}

/** Splits pods (in the given order) into those whose eviction would exceed a budget and the rest. */
export function splitByBudgetViolation(pods: readonly PodInfo[], pdbs: readonly DisruptionBudget[]): [PodInfo[], PodInfo[]] {
  const allowed = pdbs.map((b) => b.disruptionsAllowed);
  const selectors = pdbs.map(budgetSelector);
  const violating: PodInfo[] = [];
  const ok: PodInfo[] = [];
  for (const p of pods) {
    let violated = false;
    if (Object.keys(p.labels).length > 0) {
      pdbs.forEach((b, i) => {
        const sel = selectors[i];
        if (b.namespace !== p.namespace || !sel || !matchesLabels(sel, p.labels)) return;
        if (b.disruptedPods?.includes(p.pod.metadata.name ?? '')) return; // already being evicted
        if (--allowed[i] < 0) violated = true;
      });
    }
    (violated ? violating : ok).push(p);
  }
  return [violating, ok];
}

export interface NodeVictims {
  victims: PodInfo[];
  numPDBViolations: number;
}

/** `nodeInfo` and `cycle.state` must be copies: this removes and re-adds pods on them. */
export function selectVictimsOnNode(cycle: Cycle, nodeInfo: NodeInfo, ctx: PostFilterContext): NodeVictims | Status {
  const prio = cycle.podInfo.priority;
  const remove = (p: PodInfo) => {
    nodeInfo.removePod(p.key);
    return ctx.runRemovePod(cycle, p, nodeInfo);
  };
  const add = (p: PodInfo) => {
    nodeInfo.addPod(p);
    return ctx.runAddPod(cycle, p, nodeInfo);
  };
  const potential = nodeInfo.pods.filter((p) => p.priority < prio);
  if (potential.length === 0) return new Status(Code.UnschedulableAndUnresolvable, [NO_VICTIMS]);
  for (const p of potential) {
    const s = remove(p);
    if (!s.isSuccess()) return s;
  }
  const fits = ctx.runFilters(cycle, nodeInfo);
  if (!fits.isSuccess()) return fits;
  potential.sort(moreImportant);
  const [violating, nonViolating] = splitByBudgetViolation(potential, ctx.pdbs);
  const victims: PodInfo[] = [];
  let numPDBViolations = 0;
  const reprieve = (p: PodInfo): boolean => {
    add(p);
    if (ctx.runFilters(cycle, nodeInfo).isSuccess()) return true;
    remove(p);
    victims.push(p);
    return false;
  };
  for (const p of violating) if (!reprieve(p)) numPDBViolations++;
  for (const p of nonViolating) reprieve(p);
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(moreImportant);
  return { victims, numPDBViolations };
}
