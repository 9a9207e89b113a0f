// SQL fragments shared by the verbs.
import { sql } from 'drizzle-orm';

/** The next global revision, computed inside the write's own batch (D1 batches are transactions). */
export const nextRevision = sql.raw('(SELECT COALESCE(MAX(revision), 0) + 1 FROM changes)');
/**
 * The change row the batch just wrote, as a FROM source: the object row copies its body, labels, fields
 * and node from there, so each write sends the body to D1 once, not twice.
 */
export const lastChange = sql.raw('changes WHERE revision = (SELECT MAX(revision) FROM changes)');
