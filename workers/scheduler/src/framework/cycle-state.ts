// Per-cycle scratch space: PreFilter / PreScore results that later extension points read back.

/** State that preemption's dry runs can copy and then change (add/remove pods) independently. */
export interface StateData {
  clone(): StateData;
}

export class CycleState {
  private readonly data = new Map<string, StateData>();
  /** Plugins that returned Skip at PreFilter (their Filter is not run) or PreScore (no Score). */
  readonly skipFilter = new Set<string>();
  readonly skipScore = new Set<string>();
  /** The filters not skipped, worked out once per cycle: Filter runs for every node, a Set lookup per plugin per node showed in profiles. */
  private filters?: { from: readonly { name: string }[]; skipped: number; active: readonly { name: string }[] };

  /** `all` without the plugins in skipFilter (recomputed if skipFilter grew or another list is asked for). */
  activeFilters<P extends { name: string }>(all: readonly P[]): readonly P[] {
    const f = this.filters;
    if (f && f.from === all && f.skipped === this.skipFilter.size) return f.active as readonly P[];
    const active = this.skipFilter.size === 0 ? all : all.filter((pl) => !this.skipFilter.has(pl.name));
    this.filters = { from: all, skipped: this.skipFilter.size, active };
    return active;
  }

  /** Bumped by every write: stateReader's memo is good while it stays the same. */
  version = 0;

  read<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: StateData): void {
    this.data.set(key, value);
    this.version++;
  }

  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, v.clone());
    for (const s of this.skipFilter) c.skipFilter.add(s);
    for (const s of this.skipScore) c.skipScore.add(s);
    return c;
  }
}

/** For immutable per-cycle data that need not be copied. */
export class Frozen<T> implements StateData {
  constructor(readonly value: T) {}
  clone(): StateData {
    return this;
  }
}

/**
 * A reader of one key that remembers its last answer while the state (and its version) is the same:
 * Filter and Score run for every node, and their Map lookup per node showed in profiles.
 */
export function stateReader<T extends StateData>(key: string): (state: CycleState) => T | undefined {
  let last: CycleState | undefined;
  let version = -1;
  let value: T | undefined;
  return (state) => {
    if (state !== last || state.version !== version) {
      last = state;
      version = state.version;
      value = state.read<T>(key);
    }
    return value;
  };
}
