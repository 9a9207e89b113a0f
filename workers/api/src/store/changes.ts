import { sql } from 'drizzle-orm';
import type { Db } from './db';
import { changeJson } from './sql';
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
  return db.all<ChangeRow>(sql`
    SELECT revision, namespace, name, type, ${changeJson} AS json, labels, fields, prev_labels AS prevLabels, prev_fields AS prevFields
    FROM changes WHERE resource = ${q.resource} AND revision > ${q.after}${upTo}
    ORDER BY revision LIMIT ${q.limit}`);
}
