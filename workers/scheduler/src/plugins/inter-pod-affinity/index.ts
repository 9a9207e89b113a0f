// InterPodAffinity: required affinity/anti-affinity (Filter, both the incoming pod's and existing pods'),
// preferred terms (Score).
import { stateReader } from '../../framework/cycle-state';
import type { Cycle, FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { SKIP, SUCCESS } from '../../framework/status';
import { filter, name, preFilter, updateWithPod, type FilterState } from './filtering';
import { normalize, preScore, score, type ScoreState } from './scoring';

export { name, ERR_REASON_AFFINITY, ERR_REASON_ANTI_AFFINITY, ERR_REASON_EXISTING_ANTI_AFFINITY } from './filtering';
const PRE_FILTER = `PreFilter${name}`;
const PRE_SCORE = `PreScore${name}`;

export interface InterPodAffinityArgs {
  /** Score weight of an existing pod's required affinity term that the incoming pod matches (upstream default 1). */
  hardPodAffinityWeight?: number;
}

export function New(args?: unknown): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const hardWeight = (args as InterPodAffinityArgs | undefined)?.hardPodAffinityWeight ?? 1;
  const update = (cycle: Cycle, p: PodInfo, ni: NodeInfo, delta: number) => {
    const s = cycle.state.read<FilterState>(PRE_FILTER);
    if (s) updateWithPod(s, cycle.podInfo, p, ni.labels, delta, cycle.snapshot.namespaceLabels);
    return SUCCESS;
  };
  const readPreFilter = stateReader<FilterState>(PRE_FILTER);
  const readPreScore = stateReader<ScoreState>(PRE_SCORE);
  return {
    name,
    preFilter(cycle: Cycle) {
      const s = preFilter(cycle);
      if (!s) return { status: SKIP };
      cycle.state.write(PRE_FILTER, s);
      return { status: SUCCESS };
    },
    preFilterExtensions: {
      addPod: (cycle, p, ni) => update(cycle, p, ni, 1),
      removePod: (cycle, p, ni) => update(cycle, p, ni, -1),
    },
    filter(cycle: Cycle, ni: NodeInfo) {
      const s = readPreFilter(cycle.state);
      return s ? filter(s, cycle.podInfo, ni) : SUCCESS;
    },
    preScore(cycle: Cycle) {
      const s = preScore(cycle, hardWeight);
      if (!s) return SKIP;
      cycle.state.write(PRE_SCORE, s);
      return SUCCESS;
    },
    score(cycle: Cycle, ni: NodeInfo) {
      const s = readPreScore(cycle.state);
      return s ? score(s, ni) : 0;
    },
    normalizeScore(_cycle: Cycle, scores: Float64Array) {
      normalize(scores);
    },
  };
}
