// Per-key exponential back-off, as client-go's flowcontrol.Backoff that the kubelet uses for container
// restarts and image pulls: 10 s doubling to 300 s, forgotten once nothing happened for twice the max.
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  now?: () => number;
}

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly opts: BackoffOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The current delay for `key` (0 when none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** Records a failure at `eventTime`: first delay, or double the last one (capped). */
  next(key: string, eventTime: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e)) this.entries.set(key, { backoffMs: this.opts.initialMs, lastUpdate: this.now() });
    else this.entries.set(key, { backoffMs: Math.min(e.backoffMs * 2, this.opts.maxMs), lastUpdate: this.now() });
  }

  /** Still waiting since `eventTime` (e.g. the container's finish time)? */
  isInBackOffSince(key: string, eventTime: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e)) return false;
    return this.now() - eventTime < e.backoffMs;
  }

  /** Still waiting since the last recorded failure? (image pulls) */
  isInBackOffSinceUpdate(key: string): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(this.now(), e)) return false;
    return this.now() - e.lastUpdate < e.backoffMs;
  }

  /** Milliseconds until the back-off since the last recorded failure ends (0 when not backing off). */
  remainingSinceUpdate(key: string): number {
    const e = this.entries.get(key);
    return e ? Math.max(0, e.lastUpdate + e.backoffMs - this.now()) : 0;
  }

  /** When the back-off for `key` that started at `since` ends (ms since epoch), for a timed resync. */
  endsAt(key: string, since: number): number {
    return since + this.get(key);
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every key with `prefix` (a pod's keys when it goes away). */
  resetPrefix(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  /** Stable for twice the max delay: start over (upstream's hasExpired). */
  private expired(eventTime: number, e: Entry): boolean {
    return eventTime - e.lastUpdate > this.opts.maxMs * 2;
  }
}

/** Go's time.Duration formatting for whole seconds: "10s", "1m20s", "5m0s". */
export function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}
