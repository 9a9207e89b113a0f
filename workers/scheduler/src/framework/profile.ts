// A scheduling profile: which plugins run at each extension point and how scores are weighted.
// Operators change it as data (enable/disable/reweight); the default mirrors upstream's default profile.
import { DEFAULT_SCHEDULER_NAME } from './types';

export interface WeightedPlugin {
  name: string;
  weight: number;
}

export interface Profile {
  schedulerName: string;
  preFilter: readonly string[];
  filter: readonly string[];
  postFilter: readonly string[];
  preScore: readonly string[];
  score: readonly WeightedPlugin[];
  reserve: readonly string[];
  bind: readonly string[];
  /** Options per plugin name, handed to its factory. */
  pluginConfig?: Readonly<Record<string, unknown>>;
  /** 0 or absent: upstream's adaptive default. */
  percentageOfNodesToScore?: number;
}

export function defaultProfile(): Profile {
  return {
    schedulerName: DEFAULT_SCHEDULER_NAME,
    preFilter: ['NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeBinding', 'PodTopologySpread', 'InterPodAffinity'],
    filter: [
      'NodeUnschedulable',
      'NodeName',
      'TaintToleration',
      'NodeAffinity',
      'NodePorts',
      'NodeResourcesFit',
      'VolumeBinding',
      'PodTopologySpread',
      'InterPodAffinity',
    ],
    postFilter: ['DefaultPreemption'],
    preScore: ['TaintToleration', 'NodeAffinity', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesFit', 'NodeResourcesBalancedAllocation'],
    score: [
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeAffinity', weight: 2 },
      { name: 'PodTopologySpread', weight: 2 },
      { name: 'InterPodAffinity', weight: 2 },
      { name: 'NodeResourcesFit', weight: 1 },
      { name: 'NodeResourcesBalancedAllocation', weight: 1 },
      { name: 'ImageLocality', weight: 1 },
    ],
    reserve: [],
    bind: ['DefaultBinder'],
  };
}

export interface ProfileChange {
  disable?: readonly string[];
  /** Score weights to set (adds the plugin to Score if absent). */
  weights?: Readonly<Record<string, number>>;
}

/** A copy of `base` with plugins disabled everywhere and score weights changed. */
export function customizeProfile(base: Profile, change: ProfileChange): Profile {
  const off = new Set(change.disable ?? []);
  const keep = (l: readonly string[]) => l.filter((n) => !off.has(n));
  const score = base.score.filter((s) => !off.has(s.name)).map((s) => ({ ...s, weight: change.weights?.[s.name] ?? s.weight }));
  for (const [name, weight] of Object.entries(change.weights ?? {})) if (!score.some((s) => s.name === name)) score.push({ name, weight });
  return {
    ...base,
    preFilter: keep(base.preFilter),
    filter: keep(base.filter),
    postFilter: keep(base.postFilter),
    preScore: keep(base.preScore),
    score,
    reserve: keep(base.reserve),
    bind: keep(base.bind),
  };
}
