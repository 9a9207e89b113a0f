// SQL for ResourceQuota usage (the quota_usage table): reads, the increments a create adds to its own
// batch, the decrements a delete adds to its own, and the guarded write of a recalculation.
import { sql, type SQL } from 'drizzle-orm';
import { batch, rowsOf } from './batch';
import type { Db } from './db';

export interface QuotaUsageRow {
  quota: string;
  resource: string;
  uid: string;
  hard: number;
  used: number;
  scopes: string;
}

const usageOf = (namespace: string) => sql`SELECT quota, resource, uid, hard, used, scopes FROM quota_usage WHERE namespace = ${namespace}`;
const bodiesOf = (resource: string, namespace: string) => sql`SELECT body FROM objects WHERE resource = ${resource} AND namespace = ${namespace} ORDER BY name`;
const bodies = (r: D1Result | undefined) => rowsOf<{ body: string }>(r).map((x) => x.body);

export async function readQuotaUsage(db: Db, namespace: string): Promise<QuotaUsageRow[]> {
  const [rows] = await batch(db, [usageOf(namespace)]);
  return rowsOf<QuotaUsageRow>(rows);
}

/** The ResourceQuota objects of a namespace and their usage rows, read together. */
export async function readQuotasAndUsage(db: Db, namespace: string): Promise<{ quotas: string[]; rows: QuotaUsageRow[] }> {
  const [quotas, rows] = await batch(db, [bodiesOf('resourcequotas', namespace), usageOf(namespace)]);
  return { quotas: bodies(quotas), rows: rowsOf<QuotaUsageRow>(rows) };
}

/**
 * A create's namespace policy inputs in one D1 batch: its LimitRanges (bodies) and what
 * readQuotasAndUsage reads. One round trip instead of two on the busiest write path.
 */
export async function readLimitRangesAndQuotas(db: Db, namespace: string): Promise<{ limitRanges: string[]; quotas: { quotas: string[]; rows: QuotaUsageRow[] } }> {
  const [ranges, quotas, rows] = await batch(db, [bodiesOf('limitranges', namespace), bodiesOf('resourcequotas', namespace), usageOf(namespace)]);
  return { limitRanges: bodies(ranges), quotas: { quotas: bodies(quotas), rows: rowsOf<QuotaUsageRow>(rows) } };
}

export interface QuotaDelta {
  quota: string;
  uid: string;
  resource: string;
  amount: number;
}

/** Increments for a create's batch; the quota_usage_guard trigger aborts the batch past `hard`. */
export function quotaCharges(namespace: string, charges: QuotaDelta[]): SQL[] {
  return charges.map(
    (c) => sql`UPDATE quota_usage SET used = used + ${c.amount} WHERE namespace = ${namespace} AND quota = ${c.quota} AND resource = ${c.resource} AND uid = ${c.uid}`,
  );
}

/** Decrements for a delete's batch, applied only when `guard` (the delete's own condition) holds. */
export function quotaReleases(namespace: string, releases: Omit<QuotaDelta, 'uid'>[], guard: SQL): SQL[] {
  return releases.map(
    (r) => sql`UPDATE quota_usage SET used = MAX(0, used - ${r.amount}) WHERE namespace = ${namespace} AND quota = ${r.quota} AND resource = ${r.resource} AND ${guard}`,
  );
}

/** The trigger's error: an increment would have passed a quota's hard limit. */
export function isQuotaExceeded(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (String((e as Error).message ?? e).includes('quota exceeded')) return true;
  }
  return false;
}

export interface QuotaRecalc {
  namespace: string;
  quota: string;
  uid: string;
  scopes: string;
  /** resource → hard and recalculated used. */
  values: { resource: string; hard: number; used: number }[];
  /** The lists the values came from: applied only if none of these changed since (no change after `revision`). */
  reads: { resource: string; revision: number }[];
}

/**
 * Writes a recalculation if no object it counted changed since it was read (so it is exact), replacing
 * the quota's rows; `force` writes it regardless (first rows of a quota under constant churn).
 * Returns whether it was written.
 */
export async function writeQuotaRecalc(db: Db, r: QuotaRecalc, force = false): Promise<boolean> {
  const unchanged = r.reads.map((x) => sql`NOT EXISTS (SELECT 1 FROM changes WHERE resource = ${x.resource} AND revision > ${x.revision} AND namespace = ${r.namespace})`);
  const guard = force || !unchanged.length ? sql`1 = 1` : sql.join(unchanged, sql` AND `);
  const names = r.values.map((v) => v.resource);
  const stmts: SQL[] = [
    sql`DELETE FROM quota_usage WHERE namespace = ${r.namespace} AND quota = ${r.quota} AND (uid != ${r.uid} OR resource NOT IN (${sql.join(names.length ? names.map((n) => sql`${n}`) : [sql`''`], sql`, `)})) AND ${guard}`,
    ...r.values.map(
      (v) => sql`INSERT INTO quota_usage (namespace, quota, resource, uid, hard, used, gen, scopes)
        SELECT ${r.namespace}, ${r.quota}, ${v.resource}, ${r.uid}, ${v.hard}, ${v.used}, 0, ${r.scopes} WHERE ${guard}
        ON CONFLICT (namespace, quota, resource) DO UPDATE SET uid = excluded.uid, hard = excluded.hard, used = excluded.used, gen = quota_usage.gen + 1, scopes = excluded.scopes
        RETURNING 1 AS ok`,
    ),
  ];
  const out = await batch(db, stmts);
  return !r.values.length || rowsOf(out[1]).length === 1;
}

/** Drops a deleted quota's rows, in its delete's batch. */
export function dropQuotaUsage(namespace: string, quota: string, guard: SQL): SQL {
  return sql`DELETE FROM quota_usage WHERE namespace = ${namespace} AND quota = ${quota} AND ${guard}`;
}
