// A binary min-heap with lazy deletion: entries for keys that were removed or re-added are skipped
// when they surface, so update and delete stay O(1) and the heap never needs an index.

export interface HeapEntry {
  key: string;
  seq: number;
}

export class LazyHeap<E extends HeapEntry> {
  private readonly items: E[] = [];
  /** key → seq of its live entry. */
  private readonly live = new Map<string, number>();
  private seq = 0;

  constructor(private readonly less: (a: E, b: E) => boolean) {}

  get size(): number {
    return this.live.size;
  }

  has(key: string): boolean {
    return this.live.has(key);
  }

  /** Adds (or replaces) the entry for `entry.key`. */
  push(entry: Omit<E, 'seq'>): void {
    const e = { ...entry, seq: ++this.seq } as E;
    this.live.set(e.key, e.seq);
    this.items.push(e);
    this.up(this.items.length - 1);
    // Stale entries pile up under churn; rebuild when they dominate.
    if (this.items.length > 64 && this.items.length > 4 * this.live.size) this.compact();
  }

  delete(key: string): boolean {
    return this.live.delete(key);
  }

  pop(): E | undefined {
    while (this.items.length > 0) {
      const top = this.items[0];
      const last = this.items.pop()!;
      if (this.items.length > 0) {
        this.items[0] = last;
        this.down(0);
      }
      if (this.live.get(top.key) === top.seq) {
        this.live.delete(top.key);
        return top;
      }
    }
    return undefined;
  }

  keys(): string[] {
    return [...this.live.keys()];
  }

  private compact(): void {
    const keep = this.items.filter((e) => this.live.get(e.key) === e.seq);
    this.items.length = 0;
    for (const e of keep) {
      this.items.push(e);
      this.up(this.items.length - 1);
    }
  }

  private up(i: number): void {
    const a = this.items;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  private down(i: number): void {
    const a = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && this.less(a[l], a[m])) m = l;
      if (r < a.length && this.less(a[r], a[m])) m = r;
      if (m === i) return;
      [a[i], a[m]] = [a[m], a[i]];
      i = m;
    }
  }
}
