// Bounded parallelism for a list of calls (a ReplicaSet's pod deletions, an agent's stats requests).

/** Runs `f` for every item with at most `limit` in flight; resolves with the errors, in item order. */
export async function eachLimited<T>(items: readonly T[], limit: number, f: (item: T) => Promise<void>): Promise<unknown[]> {
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
