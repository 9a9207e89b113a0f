// Re-encrypts the Secret rows of the change log that the current writer did not write (an older key,
// or plain JSON from before encryption was enabled). Rewriting the Secrets themselves renews their
// object rows; the log keeps its old rows until compaction (which always keeps the newest N), so
// without this an old key could never be dropped and pre-encryption plaintext would stay on disk.
import { sql } from 'drizzle-orm';
import { StatusError } from '../../../../kube/status';
import { batch } from '../batch';
import type { Db } from '../db';
import { ENCRYPTED_RESOURCE } from './codec';

const ENVELOPE = 'k8s:enc:';

export interface RewrapResult {
  rewrapped: number;
  /** Rows no configured key can read: left as they are (their watch catch-up reports the error). */
  unreadable: number;
}

export async function rewrapChangeLog(db: Db, chunk = 200): Promise<RewrapResult> {
  const prefix = await db.secrets.writerPrefix();
  // Stale: not under the writer's prefix; with identity writing, anything still encrypted.
  const stale = prefix === null ? sql`substr(object, 1, ${ENVELOPE.length}) = ${ENVELOPE}` : sql`substr(object, 1, ${prefix.length}) <> ${prefix}`;
  const out: RewrapResult = { rewrapped: 0, unreadable: 0 };
  for (let after = 0; ; ) {
    const rows = await db.all<{ revision: number; namespace: string; name: string; object: string }>(sql`
      SELECT revision, namespace, name, object FROM changes
      WHERE resource = ${ENCRYPTED_RESOURCE} AND revision > ${after} AND ${stale} ORDER BY revision LIMIT ${chunk}`);
    if (rows.length === 0) return out;
    after = rows[rows.length - 1].revision;
    const updates = [];
    for (const r of rows) {
      try {
        const { json } = await db.secrets.open(ENCRYPTED_RESOURCE, r.namespace, r.name, r.object);
        const sealed = await db.secrets.seal(ENCRYPTED_RESOURCE, r.namespace, r.name, json);
        // Guarded by the old value: compaction may have removed the row meanwhile, which is fine.
        updates.push(sql`UPDATE changes SET object = ${sealed} WHERE revision = ${r.revision} AND object = ${r.object}`);
      } catch (err) {
        if (!(err instanceof StatusError)) throw err;
        out.unreadable++;
      }
    }
    if (updates.length) await batch(db, updates);
    out.rewrapped += updates.length;
    if (rows.length < chunk) return out;
  }
}
