// Plugin interfaces, one per extension point. A plugin implements any subset; the profile decides
// which of its points are enabled.
import type { CycleState } from './cycle-state';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';
import type { Snapshot } from './snapshot';
import type { Status } from './status';
import type { DisruptionBudget, Pod } from './types';

/** What every call in one scheduling cycle shares. */
export interface Cycle {
  pod: Pod;
  podInfo: PodInfo;
  state: CycleState;
  snapshot: Snapshot;
}

export interface Plugin {
  readonly name: string;
}

/** PreFilter may narrow the candidates to named nodes (e.g. NodeAffinity on metadata.name). */
export interface PreFilterResult {
  nodeNames?: ReadonlySet<string>;
}

/** Keeps PreFilter state right when preemption removes (or reprieves) pods in a dry run. */
export interface PreFilterExtensions {
  addPod(cycle: Cycle, added: PodInfo, nodeInfo: NodeInfo): Status;
  removePod(cycle: Cycle, removed: PodInfo, nodeInfo: NodeInfo): Status;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(cycle: Cycle, nodes: readonly NodeInfo[]): { status: Status; result?: PreFilterResult };
  preFilterExtensions?: PreFilterExtensions;
}

export interface FilterPlugin extends Plugin {
  /** Hot path: return the shared SUCCESS (or a prebuilt Status) to avoid allocating per node. */
  filter(cycle: Cycle, nodeInfo: NodeInfo): Status;
}

/** Node → status of the Filter run on it, for diagnosis and preemption. */
export type NodeToStatus = Map<string, Status>;

export interface PostFilterResult {
  nominatedNodeName?: string;
  victims?: Pod[];
}

export interface PostFilterPlugin extends Plugin {
  postFilter(cycle: Cycle, filtered: NodeToStatus, ctx: PostFilterContext): { status: Status; result?: PostFilterResult };
}

/** What PostFilter needs from the framework: re-running PreFilter extensions and Filter on a changed node. */
export interface PostFilterContext {
  runFilters(cycle: Cycle, nodeInfo: NodeInfo): Status;
  runAddPod(cycle: Cycle, added: PodInfo, nodeInfo: NodeInfo): Status;
  runRemovePod(cycle: Cycle, removed: PodInfo, nodeInfo: NodeInfo): Status;
  pdbs: readonly DisruptionBudget[];
  /** Random start offset for candidate search. */
  rand(): number;
}

export interface PreScorePlugin extends Plugin {
  preScore(cycle: Cycle, nodes: readonly NodeInfo[]): Status;
}

export interface ScorePlugin extends Plugin {
  /** A raw score; NormalizeScore (or the plugin itself) brings it into 0..100. */
  score(cycle: Cycle, nodeInfo: NodeInfo): number;
  normalizeScore?(cycle: Cycle, scores: Float64Array, nodes: readonly NodeInfo[]): void;
}

export interface ReservePlugin extends Plugin {
  reserve(cycle: Cycle, nodeName: string): Status;
  unreserve(cycle: Cycle, nodeName: string): void;
}

/** The binding to send; the I/O side posts it to pods/binding. */
export interface Binding {
  apiVersion: 'v1';
  kind: 'Binding';
  metadata: { name: string; namespace: string; uid?: string };
  target: { apiVersion: 'v1'; kind: 'Node'; name: string };
}

export interface BindPlugin extends Plugin {
  bind(pod: Pod, nodeName: string): Binding | Status;
}

export type AnyPlugin = Partial<PreFilterPlugin & FilterPlugin & PostFilterPlugin & PreScorePlugin & ScorePlugin & ReservePlugin & BindPlugin> & Plugin;

/** A plugin factory: named options (from the profile's pluginConfig) in, plugin out. */
export type PluginFactory = (args: unknown) => AnyPlugin;
export type Registry = Readonly<Record<string, PluginFactory>>;
