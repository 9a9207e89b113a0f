// A work queue of keys with due times and per-key exponential back-off (upstream's rate-limited
// workqueue, reduced to what one Durable Object needs: it runs one key at a time).

export class WorkQueue {
  private readonly due = new Map<string, number>();
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly baseDelayMs = 250,
    private readonly maxDelayMs = 60_000,
  ) {}

  /** Due now (or keeps an earlier due time). */
  add(key: string, at = Date.now()) {
    const cur = this.due.get(key);
    if (cur === undefined || at < cur) this.due.set(key, at);
  }

  addAfter(key: string, delayMs: number) {
    this.add(key, Date.now() + delayMs);
  }

  /** Requeues after a failure with capped exponential back-off. */
  retry(key: string) {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    this.addAfter(key, Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (n - 1)));
  }

  forget(key: string) {
    this.failures.delete(key);
  }

  /** Removes and returns the keys that are due, oldest due first. */
  takeDue(now = Date.now(), max = Infinity): string[] {
    const ready = [...this.due.entries()].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]);
    const out = ready.slice(0, max).map(([k]) => k);
    for (const k of out) this.due.delete(k);
    return out;
  }

  /** The earliest due time, or undefined when empty. */
  nextDue(): number | undefined {
    let min: number | undefined;
    for (const at of this.due.values()) if (min === undefined || at < min) min = at;
    return min;
  }

  get size() {
    return this.due.size;
  }
}
