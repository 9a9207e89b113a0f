import { sql } from 'drizzle-orm';
import type { Db } from './db';
import { withResourceVersion } from './types';
import type { ChangeRow } from './types';

export interface ChangesQuery {
  resource: string;
  /** Changes with revision > after. */
  after: number;
  /** And revision <= upTo, when set. */
  upTo?: number;
  limit: number;
}

/** An index range scan over (resource, revision). */
export async function readChanges(db: Db, q: ChangesQuery): Promise<ChangeRow[]> {
  const upTo = q.upTo !== undefined ? sql` AND revision <= ${q.upTo}` : sql``;
  const rows = await db.all<ChangeRow & { object: string }>(sql`
    SELECT revision, namespace, name, type, object, labels, fields, prev_labels AS prevLabels, prev_fields AS prevFields
    FROM changes WHERE resource = ${q.resource} AND revision > ${q.after}${upTo}
    ORDER BY revision LIMIT ${q.limit}`);
  if (db.secrets.applies(q.resource)) {
    return Promise.all(rows.map(async ({ object, ...r }) => ({ ...r, json: withResourceVersion((await db.secrets.open(q.resource, r.namespace, r.name, object)).json, r.revision) })));
  }
  return rows.map(({ object, ...r }) => ({ ...r, json: withResourceVersion(object, r.revision) }));
}
