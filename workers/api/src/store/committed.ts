// What this isolate keeps of a write it committed: the row, as the starting point of its next update
// (store/written-rows), and the change, for the change feed (store/change-tail). Secrets are sealed:
// neither keeps their body, and the tail knows only their revision.
import type { Db } from './db';
import type { ObjectKey } from './types';

export function noteCommitted(db: Db, key: ObjectKey, rv: number, type: 'ADDED' | 'MODIFIED', row: { body: string; labels: string; fields: string }): void {
  const kept = !db.secrets.applies(key.resource);
  if (kept) db.written.remember(key, rv, row.body, row.labels, row.fields);
  db.tail.record(rv, key.resource, type, kept ? row.body : undefined);
}
