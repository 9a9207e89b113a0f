// NodeResourcesFit: Filter on requests vs allocatable; Score by the configured strategy (LeastAllocated
// by default: prefer nodes with more room left, which spreads load).
import { Frozen, stateReader } from '../../framework/cycle-state';
import type { Cycle, FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { SUCCESS, Status, Code } from '../../framework/status';
import { DEFAULT_RESOURCES, fillAllocation, leastAllocatedScore, mostAllocatedScore, podRequestList, type ResourceSpec } from './allocation';
import { fitsRequest } from './fit';

export const name = 'NodeResourcesFit';
const PRE_SCORE = `PreScore${name}`;

export interface FitArgs {
  /** Extended resources the filter does not check. */
  ignoredResources?: string[];
  scoringStrategy?: { type?: 'LeastAllocated' | 'MostAllocated'; resources?: ResourceSpec[] };
}

export function New(args?: unknown): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const a = (args ?? {}) as FitArgs;
  const ignored = new Set(a.ignoredResources ?? []);
  const resources = a.scoringStrategy?.resources ?? DEFAULT_RESOURCES;
  const scorer = a.scoringStrategy?.type === 'MostAllocated' ? mostAllocatedScore : leastAllocatedScore;
  const requested = new Float64Array(resources.length);
  const allocatable = new Float64Array(resources.length);
  const readPreScore = stateReader<Frozen<Float64Array>>(PRE_SCORE);
  return {
    name,
    preFilter() {
      // Requests are parsed once per pod (PodInfo); nothing else to precompute.
      return { status: SUCCESS };
    },
    filter(cycle: Cycle, ni: NodeInfo) {
      const reasons = fitsRequest(cycle.podInfo.requests, ni, ignored);
      return reasons ? new Status(Code.Unschedulable, reasons, name) : SUCCESS;
    },
    preScore(cycle: Cycle) {
      cycle.state.write(PRE_SCORE, new Frozen(podRequestList(cycle.podInfo, resources, true)));
      return SUCCESS;
    },
    score(cycle: Cycle, ni: NodeInfo) {
      const podReq = readPreScore(cycle.state)?.value ?? podRequestList(cycle.podInfo, resources, true);
      fillAllocation(ni, resources, podReq, false, requested, allocatable);
      return scorer(requested, allocatable, resources);
    },
  };
}
