import type { KObject } from '../../../kube/registry/types';
import { badRequest, conflict, notFound } from '../../../kube/status';
import { admitNamespaceDelete, forgetNamespace } from '../admission/namespace-lifecycle';
import { afterQuotaWrite, quotaRelease } from '../admission/resource-quota';
import { admitValidatingPolicies } from '../admission/validating-policy';
import type { ResourceCtx } from '../context';
import { decodeJson, readBodyText } from '../request/body';
import { propagationPolicyOf } from '../request/options';
import { deleteObject, getObject, updateObject } from '../store';
import { indexColumns, isDryRun, jsonResponse, keyOf, nowTimestamp, parseRow, pokeWatchers } from './common';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: string;
}

export async function readDeleteOptions(ctx: ResourceCtx): Promise<DeleteOptions> {
  const text = await readBodyText(ctx.request);
  const opts: DeleteOptions = {};
  if (text.trim() !== '') {
    const body = decodeJson(text);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('DeleteOptions must be a JSON object');
    const kind = (body as { kind?: unknown }).kind;
    if (kind !== undefined && kind !== 'DeleteOptions') {
      throw badRequest(`the body of the request is a ${JSON.stringify(kind)}, not DeleteOptions`);
    }
    const { gracePeriodSeconds, preconditions, propagationPolicy, orphanDependents } = body as DeleteOptions & { orphanDependents?: boolean };
    Object.assign(opts, { gracePeriodSeconds, preconditions, propagationPolicy });
    if (orphanDependents !== undefined && propagationPolicy === undefined) opts.propagationPolicy = orphanDependents ? 'Orphan' : 'Background';
  }
  const g = ctx.query.get('gracePeriodSeconds');
  if (g !== null) opts.gracePeriodSeconds = Number(g);
  const p = ctx.query.get('propagationPolicy');
  if (p !== null) opts.propagationPolicy = p;
  if (opts.gracePeriodSeconds !== undefined && (!Number.isInteger(opts.gracePeriodSeconds) || opts.gracePeriodSeconds < 0)) {
    if (opts.gracePeriodSeconds < 0) opts.gracePeriodSeconds = 1;
    else throw badRequest('gracePeriodSeconds must be a non-negative integer');
  }
  propagationPolicyOf(opts.propagationPolicy);
  if (opts.preconditions !== undefined && (typeof opts.preconditions !== 'object' || opts.preconditions === null)) throw badRequest('DeleteOptions.preconditions must be an object');
  return opts;
}

export async function handleDelete(ctx: ResourceCtx): Promise<Response> {
  const opts = await readDeleteOptions(ctx);
  const obj = await deleteOne(ctx, ctx.req.name!, opts);
  return jsonResponse(ctx, 200, obj);
}

/**
 * Deletes one object. Objects with finalizers (and pods running on a node) are marked with a
 * deletionTimestamp instead; removing the last finalizer later removes them.
 */
export async function deleteOne(ctx: ResourceCtx, name: string, opts: DeleteOptions, namespace = ctx.req.namespace): Promise<KObject> {
  const { def } = ctx;
  const qualified = { resource: def.plural, group: def.group };
  const key = keyOf(def, namespace, name);
  if (def.group === '' && def.kind === 'Namespace') admitNamespaceDelete(name);
  for (let attempt = 0; attempt < 16; attempt++) {
    const row = await getObject(ctx.db, key);
    if (!row) throw notFound(qualified, name);
    const obj = parseRow(row);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== obj.metadata.uid) {
      throw conflict(qualified, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== String(row.rv)) {
      throw conflict(qualified, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${row.rv}`);
    }
    // Upstream admits a delete once, against the stored object (oldObject; object is null).
    if (attempt === 0) await admitValidatingPolicies(ctx, 'DELETE', null, obj);
    const marked = markForDeletion(obj, opts);
    if (isDryRun(ctx)) return marked ?? obj;
    const isNamespace = def.kind === 'Namespace' && def.group === '';
    if (marked) {
      if (marked === obj) return obj;
      const out = await updateObject(ctx.db, key, row.rv, marked, indexColumns(def, marked));
      if (!out.ok) continue;
      marked.metadata.resourceVersion = String(out.rv);
      pokeWatchers(ctx, out.rv);
      if (isNamespace) forgetNamespace(name);
      return marked;
    }
    const release = await quotaRelease(ctx, obj);
    const out = await deleteObject(ctx.db, key, row.rv, release);
    if (!out.ok) continue;
    pokeWatchers(ctx, out.rv);
    afterQuotaWrite(ctx, release);
    return obj;
  }
  throw conflict(qualified, name, 'too many concurrent updates; please try again');
}

/**
 * Returns the object marked for deletion, the same object when it is already marked, or undefined
 * when it can be removed right away.
 */
/** Kinds the garbage collector follows; foreground and orphan deletion are offered for these. */
const GC_KINDS = new Set(['apps/Deployment', 'apps/ReplicaSet', 'apps/DaemonSet', 'apps/StatefulSet', 'apps/ControllerRevision', 'batch/Job', 'batch/CronJob', '/Pod', '/PersistentVolumeClaim']);

function markForDeletion(obj: KObject, opts: DeleteOptions): KObject | undefined {
  const m = obj.metadata;
  const group = (obj.apiVersion ?? '').includes('/') ? (obj.apiVersion ?? '').split('/')[0] : '';
  if (GC_KINDS.has(`${group}/${obj.kind}`) && (opts.propagationPolicy === 'Foreground' || opts.propagationPolicy === 'Orphan')) {
    // The garbage collector removes this finalizer once the dependents are gone (or orphaned).
    const f = opts.propagationPolicy === 'Foreground' ? 'foregroundDeletion' : 'orphan';
    const rest = (m.finalizers ?? []).filter((x) => x !== 'foregroundDeletion' && x !== 'orphan');
    if (!m.deletionTimestamp || !(m.finalizers ?? []).includes(f)) {
      const next = structuredClone(obj);
      next.metadata.finalizers = [...rest, f];
      next.metadata.deletionTimestamp = m.deletionTimestamp ?? nowTimestamp();
      next.metadata.deletionGracePeriodSeconds = m.deletionGracePeriodSeconds ?? 0;
      return next;
    }
  }
  const finalizers = m.finalizers ?? [];
  const nsFinalizers = obj.kind === 'Namespace' ? ((obj.spec as { finalizers?: string[] })?.finalizers ?? []) : [];
  const grace = podGrace(obj, opts);
  if (finalizers.length === 0 && nsFinalizers.length === 0 && grace === 0) return undefined;
  if (m.deletionTimestamp) {
    // Already being deleted: only a shorter grace period changes anything.
    if (grace === 0 && finalizers.length === 0 && (m.deletionGracePeriodSeconds ?? 0) > 0 && obj.kind === 'Pod') return undefined;
    if (grace < (m.deletionGracePeriodSeconds ?? 0)) {
      const next = structuredClone(obj);
      next.metadata.deletionGracePeriodSeconds = grace;
      return next;
    }
    return obj;
  }
  const next = structuredClone(obj);
  next.metadata.deletionTimestamp = nowTimestamp(Date.now() + grace * 1000);
  next.metadata.deletionGracePeriodSeconds = grace;
  if (obj.kind === 'Namespace') next.status = { ...((obj.status as object) ?? {}), phase: 'Terminating' };
  return next;
}

/** Pods bound to a node get a graceful deletion the node confirms; unbound or finished pods go at once. */
function podGrace(obj: KObject, opts: DeleteOptions): number {
  if (obj.kind !== 'Pod' || obj.apiVersion !== 'v1') return 0;
  const spec = obj.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
  const phase = (obj.status as { phase?: string } | undefined)?.phase;
  if (!spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  return opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
}
