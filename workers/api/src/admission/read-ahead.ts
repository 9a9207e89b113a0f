// Admission plugins run in upstream's order, but some of their reads do not depend on each other
// (a pod create's LimitRanges and ResourceQuotas): the create starts them together and each plugin takes
// its result when it gets there, instead of paying one D1 round trip after another.
import type { ResourceCtx } from '../context';

const pending = new WeakMap<ResourceCtx, Map<string, Promise<unknown>>>();

/** Starts `read` now for a plugin of this request to take later. */
export function readAhead(ctx: ResourceCtx, key: string, read: () => Promise<unknown>): void {
  let reads = pending.get(ctx);
  if (!reads) pending.set(ctx, (reads = new Map()));
  if (reads.has(key)) return;
  const p = read();
  // A failure surfaces when (and only if) a plugin takes the result.
  p.catch(() => undefined);
  reads.set(key, p);
}

/** The read started ahead under `key` (once: a second take, e.g. a retry, reads afresh), or `read()` now. */
export function take<T>(ctx: ResourceCtx, key: string, read: () => Promise<T>): Promise<T> {
  const reads = pending.get(ctx);
  const p = reads?.get(key) as Promise<T> | undefined;
  if (!p) return read();
  reads!.delete(key);
  return p;
}
