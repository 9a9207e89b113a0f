// Sets of completion indexes and their compressed text form ("1,3-5"), as in
// status.completedIndexes and status.failedIndexes.

/** Parses "1,3-5" leniently (bad parts are skipped, indexes at or above `limit` dropped). */
export function parseIndexes(s: string | undefined, limit = Infinity): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const last = Math.min(m[2] === undefined ? Number(m[1]) : Number(m[2]), limit - 1);
    for (let i = Number(m[1]); i <= last; i++) out.add(i);
  }
  return out;
}

/** Sorted indexes as ranges: consecutive runs of two or more become "a-b". */
export function formatIndexes(set: Iterable<number>): string {
  const sorted = [...new Set(set)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The lowest `count` indexes in [0, completions) that are in none of `taken`. */
export function firstFreeIndexes(completions: number, count: number, ...taken: Set<number>[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!taken.some((t) => t.has(i))) out.push(i);
  return out;
}
