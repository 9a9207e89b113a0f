// PodTopologySpread: keep matching pods within maxSkew across topology domains (DoNotSchedule), and
// prefer the least crowded domains (ScheduleAnyway).
import { stateReader } from '../../framework/cycle-state';
import type { Cycle, FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import type { PodInfo } from '../../framework/pod-info';
import { SKIP, SUCCESS } from '../../framework/status';
import { filter, name, preFilter, type FilterState } from './filtering';
import { normalize, preScore, score, type ScoreState } from './scoring';

export { name, ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH } from './filtering';
const PRE_FILTER = `PreFilter${name}`;
const PRE_SCORE = `PreScore${name}`;

export function New(): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const update = (cycle: Cycle, p: PodInfo, ni: NodeInfo, delta: number) => {
    cycle.state.read<FilterState>(PRE_FILTER)?.update(p, ni, cycle.podInfo.namespace, delta);
    return SUCCESS;
  };
  const readPreFilter = stateReader<FilterState>(PRE_FILTER);
  const readPreScore = stateReader<ScoreState>(PRE_SCORE);
  return {
    name,
    preFilter(cycle: Cycle, nodes: readonly NodeInfo[]) {
      const s = preFilter(cycle, nodes);
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
      return s ? filter(s, ni) : SUCCESS;
    },
    preScore(cycle: Cycle, nodes: readonly NodeInfo[]) {
      const s = preScore(cycle, nodes);
      if (!s) return SKIP;
      cycle.state.write(PRE_SCORE, s);
      return SUCCESS;
    },
    score(cycle: Cycle, ni: NodeInfo) {
      const s = readPreScore(cycle.state);
      return s ? score(s, cycle, ni) : 0;
    },
    normalizeScore(cycle: Cycle, scores: Float64Array, nodes: readonly NodeInfo[]) {
      const s = cycle.state.read<ScoreState>(PRE_SCORE);
      if (s) normalize(s, scores, nodes);
    },
  };
}
