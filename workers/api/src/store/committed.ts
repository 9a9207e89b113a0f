// What this isolate keeps of a write it committed: the row, as the starting point of its next update
// (store/written-rows), and the change, for the change feed (store/change-tail) and the cached lists
// (store/list-cache). Secrets are sealed: none keeps their body; the tail and the list cache know only
// their revision.
import type { Db } from './db';
import type { ObjectKey } from './types';

export function noteCommitted(
  db: Db,
  key: ObjectKey,
  rv: number,
  type: 'ADDED' | 'MODIFIED',
  row: { body: string; labels: string; fields: string },
  /** A MODIFIED change's prev_labels and prev_fields, as its change row holds them. */
  prev: { labels: string | null; fields: string | null } = { labels: null, fields: null },
): void {
  const kept = !db.secrets.applies(key.resource);
  if (kept) db.written.remember(key, rv, row.body, row.labels, row.fields);
  db.tail.record(rv, key.resource, type, kept ? row.body : undefined, { namespace: key.namespace, name: key.name, labels: row.labels, fields: row.fields, prevLabels: prev.labels, prevFields: prev.fields });
  db.lists.noteCommit({ revision: rv, ...key, type, body: kept ? row.body : undefined, labels: row.labels, fields: row.fields });
}
