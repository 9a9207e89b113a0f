// Upstream's ReplicaSet controller deletes the pods it chose all at once (a goroutine each, at most
// burstReplicas per sync) and waits for them; here at most PARALLEL_DELETES requests are in flight.
export const PARALLEL_DELETES = 32;

/** Runs `f` for every item with at most `limit` in flight; resolves with the errors, in item order. */
export async function runParallel<T>(items: readonly T[], f: (item: T) => Promise<void>, limit = PARALLEL_DELETES): Promise<unknown[]> {
  const errors: { i: number; e: unknown }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        try {
          await f(items[i]);
        } catch (e) {
          errors.push({ i, e });
        }
      }
    }),
  );
  return errors.sort((a, b) => a.i - b.i).map((x) => x.e);
}
