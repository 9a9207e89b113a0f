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

  read<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: StateData): void {
    this.data.set(key, value);
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
