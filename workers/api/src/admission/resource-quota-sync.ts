// Recalculating a ResourceQuota's usage from the objects themselves (what upstream's resource quota
// controller does), written only if nothing it counted changed meanwhile, so the counters stay exact;
// and the quota's status (hard, used) as the usage rows say.
import { formatAmount, formatOf, matchesScopes, requirementsOf, toAmount, trackedResource, usageOf, type QuotaSpec } from '../../../kube/admission/quota';
import type { KObject } from '../../../kube/registry/types';
import type { ResourceCtx } from '../context';
import { getObject, listObjects, updateObject, type Db } from '../store';
import { builtinRegistry } from '../registry';
import { deepEqual } from '../../../kube/json';
import { indexColumns } from '../handlers/common';
import { pokeChannel } from '../watch/poke';
import { readQuotaUsage, writeQuotaRecalc, type QuotaUsageRow } from '../store/quota';

export interface ResourceQuota extends KObject {
  spec?: QuotaSpec;
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

const ATTEMPTS = 3;

const kindOf = (resource: string) => {
  const slash = resource.indexOf('/');
  return slash < 0 ? { group: '', plural: resource } : { group: resource.slice(0, slash), plural: resource.slice(slash + 1) };
};

export const scopesText = (spec: QuotaSpec | undefined) => JSON.stringify(requirementsOf(spec));

/** Hard amounts of a quota's spec, by resource name. */
export function hardAmounts(spec: QuotaSpec | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(spec?.hard ?? {}).map(([r, v]) => [r, toAmount(r, v)]));
}

/** Whether a quota's rows match its current spec (uid, resources, hard values, scopes). */
export function rowsCurrent(quota: ResourceQuota, rows: QuotaUsageRow[]): boolean {
  const mine = rows.filter((r) => r.quota === quota.metadata.name);
  const hard = hardAmounts(quota.spec);
  const scopes = scopesText(quota.spec);
  if (mine.length !== Object.keys(hard).length) return false;
  return mine.every((r) => r.uid === quota.metadata.uid && hard[r.resource] === r.hard && r.scopes === scopes);
}

/** Counts the namespace's objects against the quota and writes the result; false if churn kept it from being exact. */
export async function recalculateQuota(db: Db, quota: ResourceQuota, force = false): Promise<boolean> {
  const namespace = quota.metadata.namespace ?? '';
  const hard = hardAmounts(quota.spec);
  const names = Object.keys(hard);
  const requirements = requirementsOf(quota.spec);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const used: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
    const reads: { resource: string; revision: number }[] = [];
    for (const resource of new Set(names.map(trackedResource))) {
      const kind = kindOf(resource);
      const { rows, revision } = await listObjects(db, { resource, namespace });
      reads.push({ resource, revision });
      for (const row of rows) {
        const obj = JSON.parse(row.json) as Record<string, unknown>;
        if (!matchesScopes(requirements, kind.plural, kind.group, obj)) continue;
        const usage = usageOf(kind, obj);
        for (const n of names) if (trackedResource(n) === resource && usage[n]) used[n] += usage[n];
      }
    }
    const recalc = {
      namespace,
      quota: quota.metadata.name ?? '',
      uid: quota.metadata.uid ?? '',
      scopes: scopesText(quota.spec),
      values: names.map((r) => ({ resource: r, hard: hard[r], used: used[r] })),
      reads,
    };
    if (await writeQuotaRecalc(db, recalc, force && attempt === ATTEMPTS - 1)) return true;
  }
  return false;
}

/** The status a quota shows: its hard limits and the usage rows, printed in the hard values' notation. */
export function statusFrom(quota: ResourceQuota, rows: QuotaUsageRow[]): ResourceQuota['status'] {
  const hard = quota.spec?.hard ?? {};
  const used: Record<string, string> = {};
  for (const r of rows) {
    if (r.quota !== quota.metadata.name || r.uid !== quota.metadata.uid || hard[r.resource] === undefined) continue;
    used[r.resource] = formatAmount(r.resource, r.used, formatOf(hard[r.resource]));
  }
  return { hard: Object.fromEntries(Object.entries(hard).map(([k, v]) => [k, String(v)])), used };
}

/**
 * A status write of a ResourceQuota (the quota controller's): the API recalculates the usage and fills
 * status.hard and status.used itself; what the writer sent is replaced.
 */
export async function admitQuotaStatus(ctx: ResourceCtx, obj: KObject): Promise<void> {
  if (ctx.def.group !== '' || ctx.def.kind !== 'ResourceQuota') return;
  const quota = obj as ResourceQuota;
  const db = ctx.db;
  const before = await readQuotaUsage(db, quota.metadata.namespace ?? '');
  await recalculateQuota(db, quota, !rowsCurrent(quota, before));
  quota.status = statusFrom(quota, await readQuotaUsage(db, quota.metadata.namespace ?? ''));
}

/**
 * Writes the named quotas' status from the usage rows (after a create or delete changed them). Each
 * attempt reads the quota, then the rows, then compare-and-swaps, so the last write always shows the
 * latest counts.
 */
export async function refreshQuotaStatus(ctx: ResourceCtx, namespace: string, names: string[]): Promise<void> {
  const def = builtinRegistry.find('', 'v1', 'resourcequotas');
  if (!def) return;
  for (const name of new Set(names)) {
    const key = { resource: 'resourcequotas', namespace, name };
    for (let attempt = 0; attempt < 8; attempt++) {
      const row = await getObject(ctx.db, key);
      if (!row) break;
      const quota = JSON.parse(row.json) as ResourceQuota;
      const status = statusFrom(quota, await readQuotaUsage(ctx.db, namespace));
      if (deepEqual(status, quota.status)) break;
      const next = { ...quota, status };
      const out = await updateObject(ctx.db, key, row.rv, next, indexColumns(def, next));
      if (!out.ok) continue;
      ctx.exec.waitUntil(pokeChannel(ctx.env, 'resourcequotas', out.rv));
      break;
    }
  }
}
