// One scheduling cycle for one pod: PreFilter → Filter (partial scan) → PostFilter on failure →
// PreScore/Score/NormalizeScore → pick the best node → Reserve → assume it in the snapshot.
import { CycleState } from './cycle-state';
import { fitErrorMessage, type Diagnosis } from './diagnosis';
import { frameworkFor, type Framework } from './framework';
import type { Cycle, Registry } from './interfaces';
import { inTreeRegistry } from '../plugins/registry';
import type { NodeInfo } from './node-info';
import { numFeasibleNodesToFind } from './num-feasible';
import { getPodInfo } from './pod-info';
import type { Profile } from './profile';
import type { Rng } from './rng';
import type { Snapshot } from './snapshot';
import { Code, Status } from './status';
import { DEFAULT_SCHEDULER_NAME, type DisruptionBudget, type Pod } from './types';
import { runPostFilter } from './post-filter';

export interface ScheduleOptions {
  /** Plugin factories; the in-tree registry unless given. */
  registry?: Registry;
  /** Tie-breaks and random offsets; Math.random unless given (pass seededRng(n) for reproducibility). */
  rng?: Rng;
  /** PodDisruptionBudgets preemption should respect. */
  pdbs?: readonly DisruptionBudget[];
  /** Reserve the pod on its node in the snapshot (default true); the caller forgets it if binding fails. */
  assume?: boolean;
}

export type ScheduleResult =
  | { node: string; score: number; feasibleNodes: number; evaluatedNodes: number }
  | { unschedulable: Diagnosis & { message: string } }
  | { skipped: string };

/** Is this pod ours to schedule at all (scheduler name, not bound, no scheduling gates)? */
export function responsibleFor(pod: Pod, profile: Profile): string | undefined {
  if ((pod.spec.schedulerName || DEFAULT_SCHEDULER_NAME) !== profile.schedulerName) return `schedulerName is not ${profile.schedulerName}`;
  if (pod.spec.nodeName) return 'already bound';
  if ((pod.spec.schedulingGates ?? []).length > 0) return 'has scheduling gates';
  if (pod.metadata.deletionTimestamp) return 'being deleted';
  return undefined;
}

export function scheduleOne(pod: Pod, snapshot: Snapshot, profile: Profile, opts: ScheduleOptions = {}): ScheduleResult {
  const fw = frameworkFor(profile, opts.registry ?? inTreeRegistry);
  const skip = responsibleFor(pod, profile);
  if (skip) return { skipped: skip };
  const rng = opts.rng ?? Math.random;
  const cycle: Cycle = { pod, podInfo: getPodInfo(pod), state: new CycleState(), snapshot };
  const allNodes = snapshot.nodes;
  const diag: Diagnosis = { numAllNodes: allNodes.length, nodeToStatus: new Map(), unschedulablePlugins: new Set() };
  if (allNodes.length === 0) return fail({ ...diag, error: 'no nodes available to schedule pods' }, 'no nodes available to schedule pods');

  // PreFilter: computes once per cycle; may rule the pod out everywhere or narrow the node set.
  let narrowed: Set<string> | undefined;
  const narrowers: string[] = [];
  for (const pl of fw.preFilter) {
    const { status, result } = pl.preFilter(cycle, allNodes);
    if (status.code === Code.Skip) {
      cycle.state.skipFilter.add(pl.name);
      continue;
    }
    if (status.code === Code.Error) return fail({ ...diag, error: status.message() });
    if (status.isRejected()) {
      diag.preFilterMsg = status.message();
      diag.absentNodesStatus = status.withPlugin(pl.name);
      diag.unschedulablePlugins.add(pl.name);
      return postFilter(fw, cycle, diag, opts, rng);
    }
    if (result?.nodeNames) {
      narrowers.push(pl.name);
      narrowed = narrowed ? new Set([...narrowed].filter((n) => result.nodeNames!.has(n))) : new Set(result.nodeNames);
      if (narrowed.size === 0) {
        const msg = narrowers.length === 1 ? `node(s) didn't satisfy plugin ${narrowers[0]}` : `node(s) didn't satisfy plugin(s) [${narrowers.join(' ')}] simultaneously`;
        diag.preFilterMsg = msg;
        diag.absentNodesStatus = new Status(Code.UnschedulableAndUnresolvable, [msg], pl.name);
        narrowers.forEach((n) => diag.unschedulablePlugins.add(n));
        return postFilter(fw, cycle, diag, opts, rng);
      }
    }
  }
  let nodes = allNodes;
  if (narrowed) {
    nodes = [...narrowed].map((n) => snapshot.get(n)).filter((n): n is NodeInfo => n !== undefined);
    diag.absentNodesStatus = new Status(Code.UnschedulableAndUnresolvable, [`node(s) didn't satisfy plugin(s) [${narrowers.join(' ')}]`]);
  }

  const [feasible, rejected] = findFeasible(fw, cycle, nodes, diag);
  if (diag.error) return fail(diag);
  if (feasible.length === 0) return postFilter(fw, cycle, diag, opts, rng);

  let chosen = feasible[0];
  let best = 0;
  if (feasible.length > 1) {
    const scored = scoreNodes(fw, cycle, feasible, rng);
    if (typeof scored === 'string') return fail({ ...diag, error: scored });
    [chosen, best] = scored;
  }
  for (let i = 0; i < fw.reserve.length; i++) {
    const s = fw.reserve[i].reserve(cycle, chosen.name);
    if (!s.isSuccess()) {
      for (let j = i; j >= 0; j--) fw.reserve[j].unreserve(cycle, chosen.name);
      return fail({ ...diag, error: s.message() });
    }
  }
  if (opts.assume !== false) snapshot.assume(pod, chosen.name);
  return { node: chosen.name, score: best, feasibleNodes: feasible.length, evaluatedNodes: feasible.length + rejected };
}

function findFeasible(fw: Framework, cycle: Cycle, nodes: readonly NodeInfo[], diag: Diagnosis): [NodeInfo[], number] {
  const n = nodes.length;
  if (fw.filter.length === 0) return [nodes.slice(), 0];
  const want = numFeasibleNodesToFind(n, fw.profile.percentageOfNodesToScore);
  const start = fw.nextStartNodeIndex % n;
  const feasible: NodeInfo[] = [];
  // Rejections go into the diagnosis only when no node fits: a pod that is placed never reads them, and a
  // Map.set per rejected node (4,500 for a pod only a tenth of the nodes take) showed in profiles.
  const rejected: NodeInfo[] = [];
  const statuses: Status[] = [];
  let processed = 0;
  for (; processed < n && feasible.length < want; processed++) {
    const ni = nodes[(start + processed) % n];
    const s = fw.runFilters(cycle, ni);
    if (s.code === Code.Success) feasible.push(ni);
    else if (s.code === Code.Error) {
      diag.error = s.message();
      return [[], rejected.length];
    } else {
      rejected.push(ni);
      statuses.push(s);
    }
  }
  fw.nextStartNodeIndex = (start + processed) % n;
  if (feasible.length === 0) {
    for (let i = 0; i < rejected.length; i++) {
      diag.nodeToStatus.set(rejected[i].name, statuses[i]);
      diag.unschedulablePlugins.add(statuses[i].plugin);
    }
  }
  return [feasible, rejected.length];
}

// Reused across cycles: scoring allocates nothing per node.
let totals = new Float64Array(0);
let buf = new Float64Array(0);

function scoreNodes(fw: Framework, cycle: Cycle, nodes: NodeInfo[], rng: Rng): [NodeInfo, number] | string {
  const n = nodes.length;
  for (const pl of fw.preScore) {
    const s = pl.preScore(cycle, nodes);
    if (s.code === Code.Skip) cycle.state.skipScore.add(pl.name);
    else if (!s.isSuccess()) return s.message();
  }
  if (totals.length < n) {
    totals = new Float64Array(n * 2);
    buf = new Float64Array(n * 2);
  }
  const total = totals.subarray(0, n).fill(0);
  const scores = buf.subarray(0, n);
  for (const { plugin, weight, run } of fw.score) {
    if (cycle.state.skipScore.has(plugin.name)) continue;
    for (let i = 0; i < n; i++) scores[i] = run(cycle, nodes[i]);
    plugin.normalizeScore?.(cycle, scores, nodes);
    for (let i = 0; i < n; i++) total[i] += scores[i] * weight;
  }
  // Highest total wins; ties are broken uniformly at random (reservoir sampling, as upstream).
  let bestIdx = 0;
  let ties = 1;
  for (let i = 1; i < n; i++) {
    if (total[i] > total[bestIdx]) {
      bestIdx = i;
      ties = 1;
    } else if (total[i] === total[bestIdx] && Math.floor(rng() * ++ties) === 0) bestIdx = i;
  }
  return [nodes[bestIdx], total[bestIdx]];
}

function postFilter(fw: Framework, cycle: Cycle, diag: Diagnosis, opts: ScheduleOptions, rng: Rng): ScheduleResult {
  const out = runPostFilter(fw, cycle, diag, opts.pdbs ?? [], rng);
  if (out.error) return fail({ ...diag, error: out.error });
  return fail(diag);
}

function fail(diag: Diagnosis, message?: string): ScheduleResult {
  return { unschedulable: { ...diag, message: message ?? diag.error ?? fitErrorMessage(diag) } };
}
