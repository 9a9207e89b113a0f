// SQL fragments shared by the verbs.
import { sql } from 'drizzle-orm';

/** The next global revision, computed inside the write's own batch (D1 batches are transactions). */
export const nextRevision = sql.raw('(SELECT COALESCE(MAX(revision), 0) + 1 FROM changes)');
/** The revision the batch just wrote. */
export const lastRevision = sql.raw('(SELECT MAX(revision) FROM changes)');
