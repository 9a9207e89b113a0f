// Round robin over a target's endpoints, with the cursor kept per target key so a recompiled table
// (new endpoints) carries on from where it was instead of restarting at the first endpoint.
import type { Target } from './types';

export class RoundRobin {
  private readonly next = new Map<string, number>();

  pick(t: Target): string | undefined {
    if (!t.endpoints.length) return undefined;
    const i = this.next.get(t.key) ?? 0;
    this.next.set(t.key, (i + 1) % t.endpoints.length);
    return t.endpoints[i % t.endpoints.length];
  }

  /** Drops cursors of targets no longer routed (called after a recompile). */
  retain(keys: Set<string>): void {
    for (const k of this.next.keys()) if (!keys.has(k)) this.next.delete(k);
  }
}
