// Most namespaces have no LimitRange and no ResourceQuota, yet every pod create would read both. This
// isolate remembers namespaces seen without either; a pod create there skips the read and carries a
// guard in its own write batch that aborts it if either kind exists in the namespace by then (exact:
// checked in the write's transaction), after which the create runs again with the reads.
import { sql, type SQL } from 'drizzle-orm';
import { writeGuard } from '../store/write-guard';

export const NAMESPACE_POLICY_CHANGED = 'namespace policy changed';
const MAX_REMEMBERED = 5_000;
const bare = new Set<string>();

export function isBare(namespace: string): boolean {
  return bare.has(namespace);
}

export function rememberBare(namespace: string): void {
  if (bare.size >= MAX_REMEMBERED) bare.clear();
  bare.add(namespace);
}

export function forgetBare(namespace: string): void {
  bare.delete(namespace);
}

/** Aborts the batch when the namespace has a LimitRange or a ResourceQuota (primary-key seeks). */
export function bareNamespaceGuard(namespace: string): SQL {
  return writeGuard(
    NAMESPACE_POLICY_CHANGED,
    sql`EXISTS (SELECT 1 FROM objects WHERE resource IN ('limitranges', 'resourcequotas') AND namespace = ${namespace})`,
  );
}
