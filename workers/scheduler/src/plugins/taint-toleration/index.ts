// TaintToleration: NoSchedule/NoExecute taints must be tolerated (Filter); fewer untolerated
// PreferNoSchedule taints score higher (Score, reversed at normalization).
import { Frozen, stateReader } from '../../framework/cycle-state';
import type { Cycle, FilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { defaultNormalizeScore } from '../../framework/normalize';
import { SUCCESS, unresolvable } from '../../framework/status';
import { firstUntolerated, toleratesAny } from '../../framework/taints';
import type { Toleration } from '../../framework/types';

export const name = 'TaintToleration';
const STATE_KEY = `PreScore${name}`;

export const untoleratedReason = (key: string, value: string | undefined) => `node(s) had untolerated taint {${key}: ${value ?? ''}}`;

export function New(): FilterPlugin & PreScorePlugin & ScorePlugin {
  const readPreScore = stateReader<Frozen<Toleration[]>>(STATE_KEY);
  return {
    name,
    filter(cycle: Cycle, ni: NodeInfo) {
      const taints = ni.node?.spec?.taints;
      if (!taints || taints.length === 0) return SUCCESS;
      const t = firstUntolerated(taints, cycle.pod.spec.tolerations ?? []);
      if (!t) return SUCCESS;
      const s = unresolvable(untoleratedReason(t.key, t.value));
      s.plugin = name;
      return s;
    },
    preScore(cycle: Cycle) {
      const prefer = (cycle.pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
      cycle.state.write(STATE_KEY, new Frozen(prefer));
      return SUCCESS;
    },
    score(cycle: Cycle, ni: NodeInfo) {
      const taints = ni.node?.spec?.taints;
      if (!taints) return 0;
      const tolerations = readPreScore(cycle.state)?.value ?? [];
      let n = 0;
      for (const t of taints) if (t.effect === 'PreferNoSchedule' && !toleratesAny(tolerations, t)) n++;
      return n;
    },
    normalizeScore(_cycle: Cycle, scores: Float64Array) {
      defaultNormalizeScore(scores, true);
    },
  };
}
