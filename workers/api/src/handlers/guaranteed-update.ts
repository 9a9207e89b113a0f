// Read-modify-write with compare-and-swap, retried when another writer got there first and the
// client did not pin a resourceVersion (upstream's GuaranteedUpdate).
import type { KObject } from '../../../kube/registry/types';
import { conflict, notFound } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { deleteObject, getObject, updateObject, type ObjectKey, type StoredRow } from '../store';
import { allocatorFor } from '../allocation';
import { allocationDiff } from '../allocation/service';
import { type Incoming, validateChanged } from './admit';
import { createNew } from './create';
import { admitRbacWrite } from '../admission/rbac-escalation';
import { admitPodSecurity } from '../admission/pod-security';
import { admitNodeRestriction } from '../admission/node-restriction';
import { afterQuotaWrite, quotaRelease } from '../admission/resource-quota';
import { admitQuotaStatus } from '../admission/resource-quota-sync';
import { admitPriorityUpdate } from '../admission/priority';
import { admitValidatingPolicies } from '../admission/validating-policy';
import { recordUpdate } from './managed-fields';
import { admissionDisabled } from '../auth/mode';
import { indexColumns, isDryRun, keyOf, parseRow, pokeWatchers, specOf } from './common';
import { deepEqual } from '../../../kube/json';

const MAX_ATTEMPTS = 16;

export interface UpdateSpec {
  name: string;
  /** The desired object, computed from a private copy of the current one. */
  mutate(current: KObject): Incoming;
  /** Which part of the object this endpoint may change: the main resource, the status subresource, or both (system writes such as pods/binding). */
  part: 'main' | 'status' | 'all';
  /** PUT on a missing object creates it (only kinds that allow create-on-update). */
  createIfMissing?: () => Incoming;
  /** System writes of a subresource (pods/binding) change fields users may not: skip the kind's update rules. */
  systemWrite?: boolean;
  /** managedFields were computed by server-side apply, or are not kept for this write (pods/binding, as upstream): do not record an Update. */
  applied?: boolean;
  /**
   * The resourceVersion in the computed object came from the stored object, not from the client (a
   * patch that does not set one): a concurrent write means "try again", not 409.
   */
  retryOnConflict?: boolean;
}

export interface UpdateResult {
  obj: KObject;
  created: boolean;
}

export async function guaranteedUpdate(ctx: ResourceCtx, spec: UpdateSpec): Promise<UpdateResult> {
  const key = keyOf(ctx.def, ctx.req.namespace, spec.name);
  // Where the next attempt starts: this isolate's own last write of the object (a hint that may be
  // stale), the current row a failed compare-and-swap returned (null: gone), or a read of D1.
  let start: { row: StoredRow | null; hint: boolean } | undefined;
  const hint = ctx.db.written.get(key);
  if (hint) start = { row: hint, hint: true };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const from = start ?? { row: await getObject(ctx.db, key), hint: false };
    start = undefined;
    let out: UpdateResult | Retry;
    try {
      out = await attemptUpdate(ctx, spec, key, from.row, from.hint);
    } catch (err) {
      // A refusal decided against a copy that may be stale is only believed when D1 agrees (nothing
      // after a successful write throws, so this never repeats a committed write).
      if (from.hint) continue;
      throw err;
    }
    if (!(out instanceof Retry)) return out;
    if (out.current !== undefined) start = { row: out.current, hint: false };
  }
  throw conflict({ resource: ctx.def.plural, group: ctx.def.group }, spec.name, 'too many concurrent updates; please try again');
}

/** Try again: from `current` when the failed write returned it, else from a fresh read. */
class Retry {
  constructor(readonly current?: StoredRow | null) {}
}

/** One read-modify-write from `row`; `hint`: the row is this isolate's last write, possibly stale. */
async function attemptUpdate(ctx: ResourceCtx, spec: UpdateSpec, key: ObjectKey, row: StoredRow | null, hint: boolean): Promise<UpdateResult | Retry> {
  const { def } = ctx;
  const qualified = { resource: def.plural, group: def.group };
  if (!row) {
    if (spec.createIfMissing) {
      const { obj, required } = spec.createIfMissing();
      return { obj: await createNew(ctx, obj, required, { applied: spec.applied }), created: true };
    }
    throw notFound(qualified, spec.name);
  }
  const old = parseRow(row);
  const { obj, required } = spec.mutate(structuredClone(old));
  const wantRv = obj.metadata.resourceVersion;
  if (wantRv && wantRv !== String(row.rv)) {
    if (hint) return new Retry();
    throw conflict(qualified, spec.name);
  }
  if (obj.metadata.uid && obj.metadata.uid !== old.metadata.uid) {
    throw conflict(qualified, spec.name, `Precondition failed: UID in precondition: ${obj.metadata.uid}, UID in object meta: ${old.metadata.uid}`);
  }
  const next = spec.part === 'status' ? { ...old, status: obj.status, metadata: { ...old.metadata } } : carrySystemFields(ctx, obj, old, spec.part === 'all');
  validateChanged(ctx, next, old, required, spec.systemWrite);
  if (!spec.applied) recordUpdate(ctx, old, next, spec.part === 'status' ? 'status' : ctx.req.subresource === 'scale' ? 'scale' : '');
  if (!admissionDisabled(ctx.env)) await admitUpdate(ctx, spec, next, old);
  // A dry run or a no-op answers with the stored object: not from a copy that may be stale (upstream
  // re-reads etcd when an update from its cache changes nothing).
  if (hint && (isDryRun(ctx) || (!row.stale && sameObject(next, old)))) return new Retry();
  if (isDryRun(ctx)) return { obj: next, created: false };
  if (finalized(next)) {
    const release = await quotaRelease(ctx, old);
    const out = await deleteObject(ctx.db, key, row.rv, release);
    if (!out.ok) return new Retry();
    pokeWatchers(ctx, out.rv);
    afterQuotaWrite(ctx, release);
    next.metadata.resourceVersion = String(out.rv);
    return { obj: next, created: false };
  }
  // A value under an old key (or plain) is rewritten even when unchanged: that is how rotation re-encrypts (upstream's stale read).
  if (!row.stale && sameObject(next, old)) {
    old.metadata.resourceVersion = String(row.rv);
    return { obj: old, created: false };
  }
  const allocator = allocatorFor(ctx.env, def);
  const explicit = allocator?.assign(next, old) ?? new Set<string>();
  const alloc = allocator ? allocationDiff(allocator.holds(next), allocator.holds(old)) : undefined;
  const out = await updateObject(ctx.db, key, row.rv, next, indexColumns(def, next), alloc);
  if (!out.ok) {
    if (out.reason === 'allocated' && allocator) {
      const taken = await allocator.conflict(ctx.db, key, next, explicit);
      if (taken) throw taken;
      return new Retry();
    }
    // The write was pinned to row.rv, which the client pinned too: the client's copy is stale.
    if (wantRv && !spec.retryOnConflict) throw conflict(qualified, spec.name);
    return new Retry(out.reason === 'conflict' ? out.current : undefined);
  }
  pokeWatchers(ctx, out.rv);
  next.metadata.resourceVersion = String(out.rv);
  return { obj: next, created: false };
}

/** System-owned metadata comes from the stored object; generation moves only when the spec changes. */
export function carrySystemFields(ctx: ResourceCtx, obj: KObject, old: KObject, keepStatus: boolean): KObject {
  const m = obj.metadata;
  const o = old.metadata;
  m.uid = o.uid;
  m.creationTimestamp = o.creationTimestamp;
  if (o.deletionTimestamp) m.deletionTimestamp = o.deletionTimestamp;
  else delete m.deletionTimestamp;
  if (o.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
  else delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
  if (ctx.def.status && !keepStatus) {
    if (old.status === undefined) delete obj.status;
    else obj.status = old.status;
  }
  if (ctx.def.generation === 'spec') {
    m.generation = o.generation ?? 1;
    if (!deepEqual(specOf(obj), specOf(old))) m.generation += 1;
  } else {
    delete m.generation;
  }
  return obj;
}

/** An object being deleted whose last finalizer was just removed goes away. */
function finalized(obj: KObject): boolean {
  if (!obj.metadata.deletionTimestamp) return false;
  if ((obj.metadata.finalizers ?? []).length > 0) return false;
  if (obj.kind === 'Namespace' && ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length > 0) return false;
  // A graceful pod deletion waits for its node to confirm (a delete with grace period 0).
  if (obj.kind === 'Pod' && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0) return false;
  return true;
}

/** A write that changes nothing (resourceVersion aside) makes no revision. */
function sameObject(a: KObject, b: KObject): boolean {
  const strip = (o: KObject) => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });
  return deepEqual(strip(a), strip(b));
}

/** The admission chain of an update (status writes skip Pod Security and charge quota status instead). */
export async function admitUpdate(ctx: ResourceCtx, spec: UpdateSpec, next: KObject, old: KObject) {
  await admitRbacWrite(ctx, next, old);
  admitNodeRestriction(ctx, next, old);
  if (spec.part !== 'status' && !spec.systemWrite) await admitPodSecurity(ctx, next, old);
  if (spec.part === 'status') await admitQuotaStatus(ctx, next);
  else await admitPriorityUpdate(ctx, next);
  await admitValidatingPolicies(ctx, 'UPDATE', next, old);
}
