import { admitNodeRestriction } from '../admission/node-restriction';
import { admitDefaultStorageClass } from '../admission/default-storage-class';
import type { SQL } from 'drizzle-orm';
import type { KObject } from '../../../kube/registry/types';
import { alreadyExists, badRequest, conflict } from '../../../kube/status';
import { admitNamespacedCreate } from '../admission/namespace-lifecycle';
import { admitRbacWrite } from '../admission/rbac-escalation';
import { admitPodSecurity } from '../admission/pod-security';
import { admitServiceAccount } from '../admission/service-account';
import { admitLimitRange } from '../admission/limit-range';
import { admitPriority } from '../admission/priority';
import { admitDefaultTolerations } from '../admission/default-tolerations';
import { admitResourceQuota, afterQuotaWrite } from '../admission/resource-quota';
import { admitValidatingPolicies } from '../admission/validating-policy';
import type { ResourceCtx } from '../context';
import { admissionDisabled } from '../auth/mode';
import { readObjectBody } from '../request/body';
import { createObject } from '../store';
import { allocatorFor, stripUnrequested } from '../allocation';
import { decodeIncoming, validateNew } from './admit';
import { recordUpdate } from './managed-fields';
import { generatedName, indexColumns, isDryRun, jsonResponse, keyOf, nowTimestamp, pokeWatchers } from './common';
import { readAhead } from '../admission/read-ahead';
import { readLimitRangesAndQuotas } from '../store/quota';
import { bareNamespaceGuard, forgetBare, isBare, NAMESPACE_POLICY_CHANGED, rememberBare } from '../admission/bare-namespaces';
import { isGuardFailure } from '../store/write-guard';
import { noteCreatedName } from '../audit/record';

export async function handleCreate(ctx: ResourceCtx): Promise<Response> {
  const input = await readObjectBody(ctx.request);
  const { obj, required } = decodeIncoming(ctx, input);
  const created = await createNew(ctx, obj, required);
  noteCreatedName(ctx.request, (created.metadata as { name?: string }).name);
  return jsonResponse(ctx, 201, created);
}

/** Stores a decoded new object: system metadata, defaulting, validation, admission, then one batch. */
export async function createNew(ctx: ResourceCtx, obj: KObject, required: Parameters<typeof validateNew>[2] = [], opts: { applied?: boolean } = {}): Promise<KObject> {
  const { def } = ctx;
  const m = obj.metadata;
  const prepared = await prepareNew(ctx, obj, required, opts);
  const { optimistic, generate } = prepared;
  const namespace = m.namespace;
  let quotaWrites = prepared.quotaWrites;
  if (isDryRun(ctx)) return obj;
  const allocator = allocatorFor(ctx.env, def);
  const explicit = allocator?.assign(obj) ?? new Set<string>();
  for (let attempt = 0; ; attempt++) {
    const key = keyOf(def, m.namespace, m.name!);
    let out: Awaited<ReturnType<typeof createObject>>;
    try {
      out = await createObject(ctx.db, key, obj, indexColumns(def, obj), allocator?.holds(obj), optimistic ? [...quotaWrites, bareNamespaceGuard(namespace!)] : quotaWrites);
    } catch (err) {
      if (!optimistic || !isGuardFailure(err, NAMESPACE_POLICY_CHANGED)) throw err;
      // A LimitRange or ResourceQuota appeared: admit again, from the object as it came, with the reads.
      forgetBare(namespace!);
      ctx.warnings.length = optimistic.warnings;
      return createNew(ctx, optimistic.pristine, required, opts);
    }
    if (out.ok) {
      m.resourceVersion = String(out.rv);
      // This isolate's next create there need not find out through its guard.
      if (namespace && def.group === '' && (def.kind === 'LimitRange' || def.kind === 'ResourceQuota')) forgetBare(namespace);
      pokeWatchers(ctx, out.rv);
      afterQuotaWrite(ctx, quotaWrites);
      return obj;
    }
    if (out.reason === 'allocated' && allocator && attempt < 8) {
      const taken = await allocator.conflict(ctx.db, key, obj, explicit);
      if (taken) throw taken;
      stripUnrequested(obj, explicit);
      allocator.assign(obj);
      continue;
    }
    if (out.reason === 'quota') {
      // Concurrent creates took the room: admission again says why (or charges anew if some was freed).
      if (attempt >= 8) throw conflict({ resource: 'resourcequotas', group: '' }, m.namespace ?? '', 'too many concurrent quota updates; please try again');
      quotaWrites = await admitResourceQuota(ctx, obj);
      continue;
    }
    if (!generate || attempt >= 3) throw alreadyExists({ resource: def.plural, group: def.group }, m.name!);
    m.name = generatedName(m.generateName!);
  }
}

export interface PreparedCreate {
  /** The quota charges to write with the object. */
  quotaWrites: SQL[];
  /** Set when admission skipped the namespace's LimitRange/ResourceQuota reads: the write must carry bareNamespaceGuard, and on its failure the create runs again from `pristine`. */
  optimistic?: { pristine: KObject; warnings: number };
  /** The name was generated from metadata.generateName (a taken name is generated again). */
  generate: boolean;
}

/** Everything a create does before its write: system metadata, defaulting, validation, managedFields, admission. */
export async function prepareNew(ctx: ResourceCtx, obj: KObject, required: Parameters<typeof validateNew>[2] = [], opts: { applied?: boolean } = {}): Promise<PreparedCreate> {
  const { def } = ctx;
  const m = obj.metadata;
  if (m.resourceVersion) throw badRequest('resourceVersion should not be set on objects to be created');
  // In a namespace remembered without LimitRanges and ResourceQuotas the create skips reading them and
  // guards its batch instead (admission/bare-namespaces.ts); what it needs to run again if that was wrong:
  const namespace = m.namespace;
  const optimistic = namespace && policyReadsApply(ctx) && isBare(namespace) ? { pristine: structuredClone(obj), warnings: ctx.warnings.length } : undefined;
  const generate = !m.name && !!m.generateName;
  if (generate) m.name = generatedName(m.generateName!);
  m.uid = crypto.randomUUID();
  m.creationTimestamp = nowTimestamp();
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
  if (def.generation === 'spec') m.generation = 1;
  else delete m.generation;
  // Kinds with a status subresource start with an empty status (the kubelet's Node is the exception).
  if (def.status && !(def.group === '' && def.kind === 'Node')) delete obj.status;
  def.prepareForCreate?.(obj);
  validateNew(ctx, obj, required);
  if (!opts.applied) recordUpdate(ctx, undefined, obj);
  const quotaWrites = admissionDisabled(ctx.env) ? [] : await admitCreate(ctx, obj, !!optimistic);
  return { quotaWrites, optimistic, generate };
}

/** The admission chain of a create, in upstream's order; returns the quota charges to write with the object. */
async function admitCreate(ctx: ResourceCtx, obj: KObject, optimistic: boolean) {
  readAheadForCreate(ctx, obj, optimistic);
  await admitNamespacedCreate(ctx, obj);
  await admitServiceAccount(ctx, obj);
  await admitLimitRange(ctx, obj);
  await admitPriority(ctx, obj);
  admitDefaultTolerations(ctx, obj);
  await admitDefaultStorageClass(ctx, obj);
  await admitRbacWrite(ctx, obj);
  admitNodeRestriction(ctx, obj);
  await admitPodSecurity(ctx, obj);
  await admitValidatingPolicies(ctx, 'CREATE', obj);
  return admitResourceQuota(ctx, obj);
}

/** Whether a create's admission reads its namespace's LimitRanges and ResourceQuotas. */
function policyReadsApply(ctx: ResourceCtx): boolean {
  return ctx.def.namespaced && !ctx.req.subresource && !admissionDisabled(ctx.env);
}

/**
 * The LimitRange and ResourceQuota reads do not depend on the plugins before them: start them now, as
 * one batch (or, optimistically, none: the namespace has neither and the write is guarded).
 */
function readAheadForCreate(ctx: ResourceCtx, obj: KObject, optimistic: boolean): void {
  const namespace = obj.metadata.namespace;
  if (!namespace || !policyReadsApply(ctx)) return;
  if (optimistic) {
    readAhead(ctx, `limitranges/${namespace}`, () => Promise.resolve([]));
    readAhead(ctx, `quotas/${namespace}`, () => Promise.resolve({ quotas: [], rows: [] }));
    return;
  }
  const both = readLimitRangesAndQuotas(ctx.db, namespace).then((r) => {
    if (!r.limitRanges.length && !r.quotas.quotas.length) rememberBare(namespace);
    return r;
  });
  readAhead(ctx, `limitranges/${namespace}`, () => both.then((r) => r.limitRanges));
  readAhead(ctx, `quotas/${namespace}`, () => both.then((r) => r.quotas));
}
