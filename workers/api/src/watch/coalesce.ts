// Pokes say "something after revision N was committed"; the receiver reads every change after its own
// cursor, so only the newest revision matters. Under load they are coalesced per receiver: while one is
// in flight, later revisions wait and go out as a single follow-up carrying the newest.

interface Pending {
  /** A poke is in flight, or waiting for its receiver's minimum gap. */
  busy: boolean;
  next: number;
  lastAt: number;
}

export class PokeCoalescer {
  private readonly pending = new Map<string, Pending>();

  /**
   * Sends `revision` to the receiver `key` through `send`, unless a poke to it is in flight: then the
   * revision rides on that poke's follow-up and this resolves at once. With `minGapMs`, pokes to the
   * receiver start at least that far apart: one arriving sooner waits (and takes later ones along).
   * The returned promise covers the follow-ups this call ends up sending (keep it alive with
   * waitUntil). `send` must not reject.
   */
  poke(key: string, revision: number, send: (revision: number) => Promise<void>, minGapMs = 0): Promise<void> {
    let p = this.pending.get(key);
    if (!p) this.pending.set(key, (p = { busy: false, next: 0, lastAt: -Infinity }));
    if (p.busy) {
      p.next = Math.max(p.next, revision);
      return Promise.resolve();
    }
    return this.send(p, revision, send, minGapMs);
  }

  private async send(p: Pending, revision: number, send: (revision: number) => Promise<void>, minGapMs: number): Promise<void> {
    p.busy = true;
    try {
      for (;;) {
        const wait = p.lastAt + minGapMs - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const rev = Math.max(revision, p.next);
        p.next = 0;
        p.lastAt = Date.now();
        await send(rev);
        if (p.next <= rev) return;
        revision = p.next;
      }
    } finally {
      p.busy = false;
    }
  }
}
