// DefaultPreemption (PostFilter): when a pod fits nowhere, find the node where evicting the fewest,
// least important lower-priority pods lets it fit; nominate it and name the victims.
import { fitErrorMessage } from '../../framework/diagnosis';
import type { Cycle, NodeToStatus, PostFilterContext, PostFilterPlugin } from '../../framework/interfaces';
import { Code, Status, SUCCESS } from '../../framework/status';
import { pickOneNode, type Candidate } from './pick';
import { selectVictimsOnNode } from './victims';

export const name = 'DefaultPreemption';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';

export interface PreemptionArgs {
  /** Dry-run at least this share of the candidate nodes (upstream 10) ... */
  minCandidateNodesPercentage?: number;
  /** ... and at least this many (upstream 100). */
  minCandidateNodesAbsolute?: number;
}

export type PreemptionOutcome = { node: string; victims: Candidate['victims'] } | { status: Status; nodeToStatus: NodeToStatus };

/** The pure preemption decision for an unschedulable pod, given each node's Filter verdict. */
export function findPreemption(cycle: Cycle, filtered: NodeToStatus, ctx: PostFilterContext, args: PreemptionArgs = {}): PreemptionOutcome {
  const pod = cycle.pod;
  if (pod.spec.preemptionPolicy === 'Never') return { status: new Status(Code.Unschedulable, [NOT_ELIGIBLE_NEVER]), nodeToStatus: new Map() };
  const statuses: NodeToStatus = new Map();
  const potential = cycle.snapshot.nodes.filter((ni) => {
    const s = filtered.get(ni.name);
    if (s && s.code === Code.UnschedulableAndUnresolvable) {
      statuses.set(ni.name, new Status(Code.UnschedulableAndUnresolvable, [NOT_HELPFUL]));
      return false;
    }
    return true;
  });
  const n = potential.length;
  const pct = args.minCandidateNodesPercentage ?? 10;
  const abs = args.minCandidateNodesAbsolute ?? 100;
  const numCandidates = Math.min(n, Math.max(Math.trunc((n * pct) / 100), abs));
  const offset = n > 0 ? Math.floor(ctx.rand() * n) : 0;
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const ni = potential[(offset + i) % n];
    const dry: Cycle = { ...cycle, state: cycle.state.clone() };
    const r = selectVictimsOnNode(dry, ni.clone(), ctx);
    if (r instanceof Status) {
      statuses.set(ni.name, r);
      continue;
    }
    if (r.victims.length === 0) {
      statuses.set(ni.name, new Status(Code.Error, [`expected at least one victim pod on node "${ni.name}"`]));
      continue;
    }
    (r.numPDBViolations === 0 ? nonViolating : violating).push({ node: ni.name, ...r });
    if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
  }
  const best = pickOneNode([...nonViolating, ...violating]);
  if (best) return { node: best.node, victims: best.victims };
  const msg = fitErrorMessage({ numAllNodes: cycle.snapshot.nodes.length, nodeToStatus: statuses, unschedulablePlugins: new Set() });
  return { status: new Status(Code.Unschedulable, [msg]), nodeToStatus: statuses };
}

export function New(args?: unknown): PostFilterPlugin {
  const a = (args ?? {}) as PreemptionArgs;
  return {
    name,
    postFilter(cycle: Cycle, filtered: NodeToStatus, ctx: PostFilterContext) {
      const out = findPreemption(cycle, filtered, ctx, a);
      if ('node' in out) return { status: SUCCESS, result: { nominatedNodeName: out.node, victims: out.victims.map((v) => v.pod) } };
      return { status: new Status(out.status.code, [`preemption: ${out.status.message()}`], name) };
    },
  };
}
