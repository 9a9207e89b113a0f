// Event aggregation as upstream's EventCorrelator does it: the same event (object, reason, message)
// seen again within ten minutes raises the first event's count and lastTimestamp instead of creating
// another object, so a pod retried every minute does not grow the store by an Event each time.
export const AGGREGATE_MS = 10 * 60_000;
const MAX_REMEMBERED = 4_096;

export interface WrittenEvent {
  name: string;
  namespace: string;
  count: number;
  at: number;
}

export class EventCorrelator {
  private readonly written = new Map<string, WrittenEvent>();

  static key(objectUid: string, reason: string, message: string): string {
    return `${objectUid}\u0000${reason}\u0000${message}`;
  }

  /** The earlier event to bump (its count already raised), or undefined when a new one is due. */
  repeat(key: string, now: number): WrittenEvent | undefined {
    const w = this.written.get(key);
    if (!w || now - w.at >= AGGREGATE_MS) return undefined;
    w.count++;
    w.at = now;
    return w;
  }

  remember(key: string, w: WrittenEvent): void {
    this.written.delete(key);
    this.written.set(key, w);
    // Oldest first (insertion order): forget beyond the cap.
    while (this.written.size > MAX_REMEMBERED) this.written.delete(this.written.keys().next().value!);
  }

  forget(key: string): void {
    this.written.delete(key);
  }
}
