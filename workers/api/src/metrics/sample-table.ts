// The latest sample of each node, in memory, forgotten after maxAgeMs (a node that stopped pushing
// has no current usage: metrics-server drops such nodes the same way). Pure, for the store and tests.
import type { NodeSample, StoredSample } from './sample';

export const DEFAULT_MAX_AGE_MS = 120_000;

export class SampleTable {
  private readonly byNode = new Map<string, StoredSample>();

  constructor(private readonly maxAgeMs = DEFAULT_MAX_AGE_MS) {}

  put(nodeName: string, sample: NodeSample, now: number): void {
    this.byNode.set(nodeName, { nodeName, receivedAt: now, sample });
  }

  /** Fresh samples, optionally of one node; stale ones are dropped on the way. */
  read(now: number, nodeName?: string): StoredSample[] {
    const out: StoredSample[] = [];
    const candidates = nodeName === undefined ? [...this.byNode.values()] : [this.byNode.get(nodeName)].filter((s) => !!s);
    for (const s of candidates) {
      if (now - s.receivedAt > this.maxAgeMs) this.byNode.delete(s.nodeName);
      else out.push(s);
    }
    return out;
  }

  /** Forgets nodes that no longer exist. */
  forget(nodeNames: Iterable<string>): void {
    for (const n of nodeNames) this.byNode.delete(n);
  }

  get size(): number {
    return this.byNode.size;
  }
}
