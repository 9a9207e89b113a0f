// Expectations: creations and deletions a controller has asked for but not yet seen in its cache, so
// a reconcile that runs before the cache catches up does not create or delete twice (as upstream).

interface Pending {
  adds: number;
  deletes: Set<string>;
  until: number;
}

const TTL_MS = 5 * 60_000;

export class Expectations {
  private readonly pending = new Map<string, Pending>();

  expectCreations(key: string, n: number) {
    const p = this.entry(key);
    p.adds += n;
  }

  expectDeletions(key: string, uids: string[]) {
    const p = this.entry(key);
    for (const u of uids) p.deletes.add(u);
  }

  creationObserved(key: string) {
    const p = this.pending.get(key);
    if (p && p.adds > 0) p.adds--;
  }

  deletionObserved(key: string, uid: string) {
    this.pending.get(key)?.deletes.delete(uid);
  }

  /** A failed create or delete will never be observed. */
  lowerCreations(key: string, n: number) {
    const p = this.pending.get(key);
    if (p) p.adds = Math.max(0, p.adds - n);
  }

  /** True when nothing is in flight (or what was in flight is too old to wait for). */
  satisfied(key: string, now = Date.now()): boolean {
    const p = this.pending.get(key);
    if (!p) return true;
    if ((p.adds <= 0 && p.deletes.size === 0) || now > p.until) {
      this.pending.delete(key);
      return true;
    }
    return false;
  }

  forget(key: string) {
    this.pending.delete(key);
  }

  private entry(key: string): Pending {
    let p = this.pending.get(key);
    if (!p) this.pending.set(key, (p = { adds: 0, deletes: new Set(), until: 0 }));
    p.until = Date.now() + TTL_MS;
    return p;
  }
}
