// NodeAffinity: spec.nodeSelector and required node affinity (Filter), preferred terms (Score).
import { Frozen, stateReader } from '../../framework/cycle-state';
import type { Cycle, FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces';
import type { NodeInfo } from '../../framework/node-info';
import { compileTerm, isEmptyRequired, matchesRequired, requiredNodeAffinity, termMatchesNode, type CompiledTerm, type RequiredNodeAffinity } from '../../framework/node-selector';
import { defaultNormalizeScore } from '../../framework/normalize';
import { Code, fixed, SKIP, SUCCESS } from '../../framework/status';
import type { NodeSelectorTerm } from '../../framework/types';

export const name = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
const PRE_FILTER = `PreFilter${name}`;
const PRE_SCORE = `PreScore${name}`;
const REJECT = fixed(Code.UnschedulableAndUnresolvable, ERR_REASON_POD, name);

/** Node names a required term pins with matchFields metadata.name In; undefined when any term does not. */
function pinnedNames(terms: readonly NodeSelectorTerm[]): Set<string> | undefined {
  const out = new Set<string>();
  for (const t of terms) {
    const byName = (t.matchFields ?? []).find((f) => f.key === 'metadata.name' && f.operator === 'In' && (f.values ?? []).length > 0);
    if (!byName) return undefined;
    for (const v of byName.values ?? []) out.add(v);
  }
  return out;
}

export function New(): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const readPreFilter = stateReader<Frozen<RequiredNodeAffinity>>(PRE_FILTER);
  const readPreScore = stateReader<Frozen<{ weight: number; term: CompiledTerm }[]>>(PRE_SCORE);
  return {
    name,
    preFilter(cycle: Cycle) {
      const req = requiredNodeAffinity(cycle.pod);
      if (isEmptyRequired(req)) return { status: SKIP };
      cycle.state.write(PRE_FILTER, new Frozen(req));
      const terms = cycle.pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
      const names = terms ? pinnedNames(terms) : undefined;
      return { status: SUCCESS, result: names ? { nodeNames: names } : undefined };
    },
    filter(cycle: Cycle, ni: NodeInfo) {
      const req = readPreFilter(cycle.state)?.value ?? requiredNodeAffinity(cycle.pod);
      return matchesRequired(req, ni.labels, ni.name) ? SUCCESS : REJECT;
    },
    preScore(cycle: Cycle) {
      const prefs = cycle.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
      if (prefs.length === 0) return SKIP;
      const compiled = prefs.filter((p) => p.weight !== 0).map((p) => ({ weight: p.weight, term: compileTerm(p.preference) }));
      cycle.state.write(PRE_SCORE, new Frozen(compiled));
      return SUCCESS;
    },
    score(cycle: Cycle, ni: NodeInfo) {
      const prefs = readPreScore(cycle.state)?.value ?? [];
      let sum = 0;
      for (const p of prefs) if (termMatchesNode(p.term, ni.labels, ni.name)) sum += p.weight;
      return sum;
    },
    normalizeScore(_cycle: Cycle, scores: Float64Array) {
      defaultNormalizeScore(scores, false);
    },
  };
}
