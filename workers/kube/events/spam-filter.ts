// Upstream's event spam filter (client-go's EventSourceObjectSpamFilter): each source may record a burst
// of 25 events about one object, then one more per 5 minutes as the bucket refills; the rest are
// dropped. A ReplicaSet deleting a thousand pods records its first SuccessfulDelete events and a count,
// not a thousand Event objects.
export const SPAM_BURST = 25;
export const SPAM_REFILL_MS = 5 * 60_000;
const MAX_REMEMBERED = 4_096;

interface Bucket {
  tokens: number;
  at: number;
}

export class EventSpamFilter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly burst = SPAM_BURST,
    private readonly refillMs = SPAM_REFILL_MS,
  ) {}

  /** The key upstream uses: the source and the object (not the reason or message). */
  static key(source: string, objectUid: string): string {
    return `${source}\u0000${objectUid}`;
  }

  /** Takes a token for `key`: false when the event must be dropped. */
  allow(key: string, now: number): boolean {
    let b = this.buckets.get(key);
    if (b) {
      b.tokens = Math.min(this.burst, b.tokens + (now - b.at) / this.refillMs);
      b.at = now;
      this.buckets.delete(key); // re-inserted below: the map stays in least-recently-used order
    } else {
      b = { tokens: this.burst, at: now };
    }
    this.buckets.set(key, b);
    while (this.buckets.size > MAX_REMEMBERED) this.buckets.delete(this.buckets.keys().next().value!);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
