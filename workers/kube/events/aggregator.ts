// Upstream's event aggregation (client-go's EventAggregator with EventAggregatorByReasonFunc): once one
// source has recorded 10 events about one object with the same type and reason but different messages
// within 10 minutes, the next ones become a single event, "(combined from similar events): <latest
// message>", whose count rises (through EventCorrelator, keyed by the combined key).
export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_WINDOW_MS = 10 * 60_000;
export const COMBINED_PREFIX = '(combined from similar events): ';
const MAX_REMEMBERED = 4_096;

interface Similar {
  messages: Set<string>;
  at: number;
}

export interface Aggregated {
  /** The message to record: the original, or the combined one. */
  message: string;
  /** The message to correlate repeats by: the original, or one shared by every combined event. */
  correlateBy: string;
}

export class EventAggregator {
  private readonly similar = new Map<string, Similar>();

  aggregate(objectUid: string, type: string, reason: string, message: string, now: number): Aggregated {
    const key = `${objectUid}\u0000${type}\u0000${reason}`;
    let s = this.similar.get(key);
    if (!s || now - s.at > AGGREGATE_WINDOW_MS) s = { messages: new Set(), at: now };
    s.messages.add(message);
    s.at = now;
    this.similar.delete(key);
    this.similar.set(key, s);
    while (this.similar.size > MAX_REMEMBERED) this.similar.delete(this.similar.keys().next().value!);
    if (s.messages.size < AGGREGATE_MAX_EVENTS) return { message, correlateBy: message };
    // Keep the set from growing: it only has to stay at the threshold.
    s.messages.delete(s.messages.values().next().value!);
    return { message: `${COMBINED_PREFIX}${message}`, correlateBy: COMBINED_PREFIX };
  }
}
