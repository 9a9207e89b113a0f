// A profile made runnable: plugin instances per extension point, built once from the registry.
import type { AnyPlugin, BindPlugin, Cycle, FilterPlugin, PostFilterPlugin, PreFilterPlugin, PreScorePlugin, Registry, ReservePlugin, ScorePlugin } from './interfaces';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';
import type { Profile } from './profile';
import { Code, SUCCESS, type Status } from './status';

/**
 * A Filter as runFilters calls it: every entry has the same shape and a bound function, so the call per
 * node and plugin is not a property load on differently shaped plugin objects (megamorphic in profiles).
 */
export class FilterEntry {
  readonly run: (cycle: Cycle, nodeInfo: NodeInfo) => Status;
  constructor(
    readonly name: string,
    plugin: FilterPlugin,
  ) {
    this.run = plugin.filter.bind(plugin);
  }
}

export class Framework {
  readonly preFilter: PreFilterPlugin[];
  readonly filter: FilterPlugin[];
  private readonly filterEntries: FilterEntry[];
  readonly postFilter: PostFilterPlugin[];
  readonly preScore: PreScorePlugin[];
  /** `run` is the plugin's score, bound (see FilterEntry). */
  readonly score: { plugin: ScorePlugin; weight: number; run: (cycle: Cycle, nodeInfo: NodeInfo) => number }[];
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
    this.filterEntries = this.filter.map((pl) => new FilterEntry(pl.name, pl));
    this.postFilter = at(profile.postFilter, 'postFilter', 'PostFilter');
    this.preScore = at(profile.preScore, 'preScore', 'PreScore');
    this.score = profile.score
      .filter((s) => s.weight !== 0)
      .map((s) => {
        const plugin = at<ScorePlugin>([s.name], 'score', 'Score')[0];
        return { plugin, weight: s.weight, run: plugin.score.bind(plugin) };
      });
    this.reserve = at(profile.reserve, 'reserve', 'Reserve');
    this.bind = at(profile.bind, 'bind', 'Bind');
  }

  /** First failing Filter on the node, tagged with its plugin; SUCCESS when all pass. */
  runFilters(cycle: Cycle, nodeInfo: NodeInfo): Status {
    const filters = cycle.state.activeFilters(this.filterEntries);
    for (let i = 0; i < filters.length; i++) {
      const f = filters[i];
      const s = f.run(cycle, nodeInfo);
      if (s.code !== Code.Success) return s.plugin === f.name ? s : s.withPlugin(f.name);
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

