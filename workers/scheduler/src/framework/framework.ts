// A profile made runnable: plugin instances per extension point, built once from the registry.
import type { AnyPlugin, BindPlugin, Cycle, FilterPlugin, PostFilterPlugin, PreFilterPlugin, PreScorePlugin, Registry, ReservePlugin, ScorePlugin } from './interfaces';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';
import type { Profile } from './profile';
import { Code, SUCCESS, type Status } from './status';

export class Framework {
  readonly preFilter: PreFilterPlugin[];
  readonly filter: FilterPlugin[];
  readonly postFilter: PostFilterPlugin[];
  readonly preScore: PreScorePlugin[];
  readonly score: { plugin: ScorePlugin; weight: number }[];
  readonly reserve: ReservePlugin[];
  readonly bind: BindPlugin[];
  /** Where the next Filter scan starts, so consecutive pods spread their scans over all nodes. */
  nextStartNodeIndex = 0;

  constructor(
    readonly profile: Profile,
    registry: Registry,
  ) {
    const instances = new Map<string, AnyPlugin>();
    const get = (name: string): AnyPlugin => {
      let p = instances.get(name);
      if (!p) {
        const factory = Object.hasOwn(registry, name) ? registry[name] : undefined;
        if (!factory) throw new Error(`profile ${profile.schedulerName}: plugin ${name} is not registered`);
        p = factory(profile.pluginConfig?.[name]);
        instances.set(name, p);
      }
      return p;
    };
    const at = <T>(names: readonly string[], method: keyof AnyPlugin, point: string): T[] =>
      names.map((n) => {
        const p = get(n);
        if (typeof p[method] !== 'function') throw new Error(`plugin ${n} does not implement ${point}`);
        return p as T;
      });
    this.preFilter = at(profile.preFilter, 'preFilter', 'PreFilter');
    this.filter = at(profile.filter, 'filter', 'Filter');
    this.postFilter = at(profile.postFilter, 'postFilter', 'PostFilter');
    this.preScore = at(profile.preScore, 'preScore', 'PreScore');
    this.score = profile.score.filter((s) => s.weight !== 0).map((s) => ({ plugin: at<ScorePlugin>([s.name], 'score', 'Score')[0], weight: s.weight }));
    this.reserve = at(profile.reserve, 'reserve', 'Reserve');
    this.bind = at(profile.bind, 'bind', 'Bind');
  }

  /** First failing Filter on the node, tagged with its plugin; SUCCESS when all pass. */
  runFilters(cycle: Cycle, nodeInfo: NodeInfo): Status {
    const skip = cycle.state.skipFilter;
    for (const pl of this.filter) {
      if (skip.size > 0 && skip.has(pl.name)) continue;
      const s = pl.filter(cycle, nodeInfo);
      if (s.code !== Code.Success) return s.plugin === pl.name ? s : s.withPlugin(pl.name);
    }
    return SUCCESS;
  }

  runAddPod(cycle: Cycle, added: PodInfo, nodeInfo: NodeInfo): Status {
    return this.runExtension(cycle, (ext) => ext.addPod(cycle, added, nodeInfo));
  }

  runRemovePod(cycle: Cycle, removed: PodInfo, nodeInfo: NodeInfo): Status {
    return this.runExtension(cycle, (ext) => ext.removePod(cycle, removed, nodeInfo));
  }

  private runExtension(cycle: Cycle, fn: (ext: NonNullable<PreFilterPlugin['preFilterExtensions']>) => Status): Status {
    for (const pl of this.preFilter) {
      if (!pl.preFilterExtensions || cycle.state.skipFilter.has(pl.name)) continue;
      const s = fn(pl.preFilterExtensions);
      if (!s.isSuccess()) return s.withPlugin(pl.name);
    }
    return SUCCESS;
  }
}

const cache = new WeakMap<Profile, WeakMap<Registry, Framework>>();

/** The framework for a profile, built on first use and reused while the profile object lives. */
export function frameworkFor(profile: Profile, registry: Registry): Framework {
  let byReg = cache.get(profile);
  if (!byReg) cache.set(profile, (byReg = new WeakMap()));
  let fw = byReg.get(registry);
  if (!fw) byReg.set(registry, (fw = new Framework(profile, registry)));
  return fw;
}

