// Parsing of index-range strings such as "1,3-5" (successPolicy.rules[].succeededIndexes).

/** Counts the indexes in `s`; throws with a reason when malformed, unordered or out of range. */
export function countIndexes(s: string, completions: number): number {
  if (s === '') return 0;
  let total = 0;
  let prevEnd = -1;
  for (const part of s.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`cannot convert string to integer for index: "${part}"`);
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    if (last >= completions) throw new Error(`too large index: "${last}"`);
    if (first > last) throw new Error(`non-increasing order, previous: ${first}, current: ${last}`);
    if (first <= prevEnd) throw new Error(`overlapping intervals or non-increasing order, previous: ${prevEnd}, current: ${first}`);
    total += last - first + 1;
    prevEnd = last;
  }
  return total;
}
