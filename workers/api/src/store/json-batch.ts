// Many rows of one batch in one statement: the rows go to D1 as a single JSON parameter read with
// json_each, so 200 creates are three statements instead of 400. Each statement in a D1 batch has a fixed
// cost (Miniflare's D1 parses, validates and answers every one; measured 140-200 µs per create row by row
// against 50-60 µs in chunks, 2026-11-28), and D1 allows at most 100 bound parameters per statement, so
// one parameter per chunk is also the only way to put many rows in one statement.
//
// Revisions: the first statement of a chunk records in `meta` the revision before it ('batch_base'); the
// change rows take that base + their rank (consecutive, in the chunk's order, as row-by-row inserts would);
// the statement after finds exactly the chunk's change rows as those above the base (a batch is a
// transaction, so nothing else writes in between).
import { type SQL, sql } from 'drizzle-orm';
import { rowsOf } from './batch';
import type { ObjectKey } from './types';

/** Item JSON per chunk: well under D1's 2 MB per value, JSON's escaping of the bodies included. */
export const CHUNK_BYTES = 512 * 1024;
/** A body larger than this goes row by row: one such object alone could otherwise pass D1's value limit once escaped. */
export const MAX_CHUNKED_BODY = 128 * 1024;

/** Records the revision before the chunk's first change row. */
export const markBatchBase = sql.raw(
  `INSERT INTO meta (key, value) VALUES ('batch_base', (SELECT COALESCE(MAX(revision), 0) FROM changes)) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
);
/** The revision markBatchBase recorded. */
export const batchBase = sql.raw(`(SELECT value FROM meta WHERE key = 'batch_base')`);

export const keyId = (k: ObjectKey) => `${k.resource}\u0000${k.namespace}\u0000${k.name}`;

/** A row's share of a chunk's JSON: its texts and some room for the key and the JSON around them. */
export const rowBytes = (r: { row: { body: string; labels: string; fields: string } }) => r.row.body.length + r.row.labels.length + r.row.fields.length + 64;
/** Whether a row may go in a chunk: not sealed (a Secret), not too large. */
export const isChunkable = (row: { body: string }, sealed: boolean) => !sealed && row.body.length <= MAX_CHUNKED_BODY;

/**
 * Splits items into runs that go out as chunks (`json: true`, two or more items, at most CHUNK_BYTES of
 * item JSON each) and items that go row by row (`json: false`, one per run), keeping their order.
 */
export function chunkRuns<T>(items: T[], size: (t: T) => number, chunkable: (t: T) => boolean): { json: boolean; items: T[] }[] {
  const runs: { json: boolean; items: T[] }[] = [];
  let bytes = 0;
  for (const t of items) {
    if (!chunkable(t)) {
      runs.push({ json: false, items: [t] });
      continue;
    }
    const n = size(t);
    const last = runs[runs.length - 1];
    if (last?.json && bytes + n <= CHUNK_BYTES) {
      last.items.push(t);
      bytes += n;
    } else {
      runs.push({ json: true, items: [t] });
      bytes = n;
    }
  }
  // One row alone is cheaper as it always was: two statements, not three.
  for (const r of runs) if (r.json && r.items.length === 1) r.json = false;
  return runs;
}

/**
 * The batch's statements for `runs`, in order: a chunk is markBatchBase then `chunk(items)`, a lone row
 * `row(item)`; both put the change insert (RETURNING res, ns, n) first. `answers` reads back, per run,
 * what that insert returned, by key.
 */
export function runStatements<T, R extends { res: string; ns: string; n: string }>(
  runs: { json: boolean; items: T[] }[],
  chunk: (items: T[]) => SQL[],
  row: (item: T) => SQL[],
): { statements: SQL[]; answers: (results: D1Result[]) => Map<string, R>[] } {
  const statements: SQL[] = [];
  const at: number[] = [];
  for (const run of runs) {
    if (run.json) {
      at.push(statements.length + 1);
      statements.push(markBatchBase, ...chunk(run.items));
    } else {
      at.push(statements.length);
      statements.push(...row(run.items[0]));
    }
  }
  const answers = (results: D1Result[]) =>
    at.map((i) => new Map(rowsOf<R>(results[i]).map((r) => [keyId({ resource: r.res, namespace: r.ns, name: r.n }), r] as const)));
  return { statements, answers };
}
