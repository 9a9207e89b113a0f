// NodeResourcesBalancedAllocation: prefer nodes whose cpu and memory would be used in similar
// proportions, so neither runs out while the other idles.
import { Frozen, stateReader } from '../../framework/cycle-state';
import type { Cycle, PreScorePlugin, ScorePlugin } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { SKIP, SUCCESS } from '../../framework/status';
import { DEFAULT_RESOURCES, fillAllocation, podRequestList, type ResourceSpec } from '../node-resources-fit/allocation';

export const name = 'NodeResourcesBalancedAllocation';
const PRE_SCORE = `PreScore${name}`;

/** (1 - standard deviation of the usage fractions) × 100. */
export function balancedScore(requested: Float64Array, allocatable: Float64Array): number {
  let n = 0;
  let total = 0;
  let f0 = 0;
  let f1 = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(requested[i] / allocatable[i], 1);
    if (n === 0) f0 = f;
    else if (n === 1) f1 = f;
    total += f;
    n++;
  }
  let std = 0;
  if (n === 2) std = Math.abs((f0 - f1) / 2);
  else if (n > 2) {
    const mean = total / n;
    let sum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const f = Math.min(requested[i] / allocatable[i], 1);
      sum += (f - mean) * (f - mean);
    }
    std = Math.sqrt(sum / n);
  }
  return Math.trunc((1 - std) * 100);
}

export function New(args?: unknown): PreScorePlugin & ScorePlugin {
  const resources = (args as { resources?: ResourceSpec[] } | undefined)?.resources ?? DEFAULT_RESOURCES;
  const requested = new Float64Array(resources.length);
  const allocatable = new Float64Array(resources.length);
  const readPreScore = stateReader<Frozen<Float64Array>>(PRE_SCORE);
  return {
    name,
    preScore(cycle: Cycle) {
      const req = podRequestList(cycle.podInfo, resources, false);
      // A pod that requests none of the resources cannot unbalance anything.
      if (req.every((v) => v === 0)) return SKIP;
      cycle.state.write(PRE_SCORE, new Frozen(req));
      return SUCCESS;
    },
    score(cycle: Cycle, ni: NodeInfo) {
      const podReq = readPreScore(cycle.state)?.value ?? podRequestList(cycle.podInfo, resources, false);
      fillAllocation(ni, resources, podReq, true, requested, allocatable);
      return balancedScore(requested, allocatable);
    },
  };
}
