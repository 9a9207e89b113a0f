// Pokes say "something after revision N was committed"; the receiver reads every change after its own
// cursor, so only the newest revision matters. Under load they are coalesced per receiver: while one is
// in flight, later revisions wait and go out as a single follow-up carrying the newest.

interface Pending {
  inflight: boolean;
  next: number;
}

export class PokeCoalescer {
  private readonly pending = new Map<string, Pending>();

  /**
   * Sends `revision` to the receiver `key` through `send`, unless a poke to it is in flight: then the
   * revision rides on that poke's follow-up and this resolves at once. The returned promise covers the
   * follow-ups this call ends up sending (keep it alive with waitUntil). `send` must not reject.
   */
  poke(key: string, revision: number, send: (revision: number) => Promise<void>): Promise<void> {
    let p = this.pending.get(key);
    if (!p) this.pending.set(key, (p = { inflight: false, next: 0 }));
    if (p.inflight) {
      p.next = Math.max(p.next, revision);
      return Promise.resolve();
    }
    return this.send(p, revision, send);
  }

  private async send(p: Pending, revision: number, send: (revision: number) => Promise<void>): Promise<void> {
    p.inflight = true;
    try {
      await send(revision);
    } finally {
      p.inflight = false;
    }
    if (p.next > revision) {
      const next = p.next;
      p.next = 0;
      await this.send(p, next, send);
    }
  }
}
