// Per-identity token buckets: `rate` tokens a second up to `burst`; a request takes one. Pure (the clock
// is passed in) so it is tested with plain numbers.
export interface Budget {
  /** Sustained requests per second. */
  rate: number;
  /** Requests allowed at once after an idle period. */
  burst: number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private buckets = new Map<string, Bucket>();

  constructor(private maxKeys = 10_000) {}

  take(key: string, budget: Budget, now: number): Take {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.evictFull(budget, now);
      b = { tokens: budget.burst, at: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(budget.burst, b.tokens + ((now - b.at) / 1000) * budget.rate);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / budget.rate)) };
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Buckets that refilled completely carry no information: forget them (else the oldest half). */
  private evictFull(budget: Budget, now: number) {
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * budget.rate >= budget.burst) this.buckets.delete(k);
    if (this.buckets.size < this.maxKeys) return;
    let n = this.buckets.size / 2;
    for (const k of this.buckets.keys()) {
      if (n-- <= 0) break;
      this.buckets.delete(k);
    }
  }
}

/** Counters of things in progress per key (requests in flight, open watches). */
export class Counters {
  private counts = new Map<string, number>();
  total = 0;

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  inc(key: string) {
    this.counts.set(key, this.get(key) + 1);
    this.total++;
  }

  dec(key: string) {
    const n = this.get(key);
    if (n === 0) return;
    if (n > 1) this.counts.set(key, n - 1);
    else this.counts.delete(key);
    this.total--;
  }
}
