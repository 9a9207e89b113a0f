// ResourceQuota admission: a new object's usage is checked against every quota of its namespace that
// tracks it and added to the usage rows in the object's own insert batch (a trigger refuses an
// increment past `hard`, so 50 concurrent creates against pods=5 admit exactly 5); a delete subtracts
// the object's usage in its own batch. 403 Forbidden with upstream's messages.
import type { SQL } from 'drizzle-orm';
import { chargeFor, exceededMessage, formatOf, matchesScopes, missingCompute, requirementsOf, usageOf, type QuotaUsageState } from '../../../kube/admission/quota';
import type { KObject } from '../../../kube/registry/types';
import { forbidden } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { dropQuotaUsage, quotaCharges, quotaReleases, readQuotasAndUsage, readQuotaUsage, type QuotaDelta, type QuotaUsageRow } from '../store/quota';
import { hardAmounts, recalculateQuota, refreshQuotaStatus, rowsCurrent, type ResourceQuota } from './resource-quota-sync';

/** The quotas a pending write changes, to refresh their status once it committed. */
const pending = new WeakMap<object, { namespace: string; names: string[] }>();
import type { ScopeRequirement } from '../../../kube/admission/quota';
import { take } from './read-ahead';

const denied = (ctx: ResourceCtx, obj: KObject, message: string) =>
  forbidden(`${ctx.def.plural}${ctx.def.group ? `.${ctx.def.group}` : ''} "${obj.metadata.name ?? ''}" is forbidden: ${message}`, {
    name: obj.metadata.name,
    group: ctx.def.group || undefined,
    kind: ctx.def.plural,
  });

function stateOf(quota: ResourceQuota, rows: QuotaUsageRow[]): QuotaUsageState {
  const used: Record<string, number> = {};
  for (const r of rows) if (r.quota === quota.metadata.name) used[r.resource] = r.used;
  const formats = Object.fromEntries(Object.entries(quota.spec?.hard ?? {}).map(([r, v]) => [r, formatOf(v)]));
  return { name: quota.metadata.name ?? '', hard: hardAmounts(quota.spec), used, formats };
}

/**
 * Checks a new object against its namespace's quotas; returns the usage increments for its insert
 * batch (empty when no quota tracks it). Throws 403 when a quota would be exceeded.
 */
export async function admitResourceQuota(ctx: ResourceCtx, obj: KObject): Promise<SQL[]> {
  const { def } = ctx;
  const namespace = obj.metadata.namespace;
  if (!def.namespaced || !namespace || ctx.req.subresource) return [];
  let { quotas: bodies, rows } = await take(ctx, `quotas/${namespace}`, () => readQuotasAndUsage(ctx.db, namespace));
  if (!bodies.length) return [];
  const kind = { group: def.group, plural: def.plural };
  const usage = usageOf(kind, obj as never);
  const charged: { quota: ResourceQuota; charge: Record<string, number> }[] = [];
  for (const quota of bodies.map((b) => JSON.parse(b) as ResourceQuota)) {
    if (quota.metadata.deletionTimestamp) continue;
    const hardNames = Object.keys(quota.spec?.hard ?? {});
    if (!matchesScopes(requirementsOf(quota.spec), kind.plural, kind.group, obj)) continue;
    if (kind.group === '' && kind.plural === 'pods') {
      const missing = missingCompute(hardNames, obj as never);
      if (missing) throw denied(ctx, obj, `failed quota: ${quota.metadata.name}: ${missing}`);
    }
    const charge = chargeFor(hardNames, usage);
    if (Object.keys(charge).length) charged.push({ quota, charge });
  }
  if (!charged.length) return [];
  // First use of a quota (or its spec changed): count what is already there.
  let recalculated = false;
  for (const { quota } of charged) {
    if (rowsCurrent(quota, rows)) continue;
    await recalculateQuota(ctx.db, quota, true);
    recalculated = true;
  }
  if (recalculated) rows = await readQuotaUsage(ctx.db, namespace);
  const deltas: QuotaDelta[] = [];
  for (const { quota, charge } of charged) {
    const message = exceededMessage(stateOf(quota, rows), charge);
    if (message) throw denied(ctx, obj, message);
    for (const [resource, amount] of Object.entries(charge)) deltas.push({ quota: quota.metadata.name ?? '', uid: quota.metadata.uid ?? '', resource, amount });
  }
  const writes = quotaCharges(namespace, deltas);
  pending.set(writes, { namespace, names: charged.map((c) => c.quota.metadata.name ?? '') });
  return writes;
}

/** The usage decrements for deleting `obj`, to run in the delete's batch under its own condition. */
export async function quotaRelease(ctx: ResourceCtx, obj: KObject): Promise<((guard: SQL) => SQL[]) | undefined> {
  const { def } = ctx;
  const namespace = obj.metadata.namespace;
  if (!def.namespaced || !namespace) return undefined;
  // A deleted quota takes its usage rows along.
  if (def.group === '' && def.kind === 'ResourceQuota') return (guard) => [dropQuotaUsage(namespace, obj.metadata.name ?? '', guard)];
  const rows = await readQuotaUsage(ctx.db, namespace);
  if (!rows.length) return undefined;
  const usage = usageOf({ group: def.group, plural: def.plural }, obj as never);
  const releases: Omit<QuotaDelta, 'uid'>[] = [];
  for (const r of rows) {
    const amount = usage[r.resource];
    if (!amount) continue;
    if (!matchesScopes(JSON.parse(r.scopes) as ScopeRequirement[], def.plural, def.group, obj)) continue;
    releases.push({ quota: r.quota, resource: r.resource, amount });
  }
  if (!releases.length) return undefined;
  const release = (guard: SQL) => quotaReleases(namespace, releases, guard);
  pending.set(release, { namespace, names: releases.map((r) => r.quota) });
  return release;
}

/** After the write that carried `writes` (from admitResourceQuota or quotaRelease) committed: show the new usage in the quotas' status. */
export function afterQuotaWrite(ctx: ResourceCtx, writes: object | undefined): void {
  const p = writes && pending.get(writes);
  if (p) ctx.exec.waitUntil(refreshQuotaStatus(ctx, p.namespace, p.names).catch(() => undefined));
}
