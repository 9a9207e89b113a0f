// Pod counts per topology domain: topologyKey → value → count. Nested maps so a node is checked by
// looking up its few relevant keys rather than every label it has.
export class TopologyCounts {
  readonly byKey = new Map<string, Map<string, number>>();
  size = 0;

  add(key: string, value: string, delta: number): void {
    let m = this.byKey.get(key);
    if (!m) this.byKey.set(key, (m = new Map()));
    const before = m.get(value) ?? 0;
    const n = before + delta;
    if (n === 0) {
      if (m.delete(value)) this.size--;
    } else {
      if (before === 0) this.size++;
      m.set(value, n);
    }
  }

  get(key: string, value: string): number {
    return this.byKey.get(key)?.get(value) ?? 0;
  }

  /** Any key/value of the node labels with a positive count? */
  anyOn(labels: Record<string, string>): boolean {
    for (const [key, m] of this.byKey) {
      const v = labels[key];
      if (v !== undefined && (m.get(v) ?? 0) > 0) return true;
    }
    return false;
  }

  /** Adds every count of `other`. */
  addAll(other: TopologyCounts): void {
    for (const [k, m] of other.byKey) for (const [v, n] of m) this.add(k, v, n);
  }

  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (const [k, m] of this.byKey) c.byKey.set(k, new Map(m));
    c.size = this.size;
    return c;
  }
}
