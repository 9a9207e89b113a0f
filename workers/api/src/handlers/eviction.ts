// pods/eviction: a delete that respects PodDisruptionBudgets, as upstream's eviction REST does. The
// budget's status is spent (disruptionsAllowed - 1, the pod recorded in disruptedPods) with a CAS
// before the pod is deleted, so concurrent evictions cannot both take the last allowed disruption.
import type { KObject } from '../../../kube/registry/types';
import { StatusError, badRequest, internalError, notFound } from '../../../kube/status';
import { type Budget, type BudgetPod, coveredPods, isReady, MAX_DISRUPTED_PODS } from '../../../kube/disruption/budget';
import type { ResourceCtx } from '../context';
import { readObjectBody } from '../request/body';
import { getObject, listObjects } from '../store';
import { storageResource } from '../registry';
import { keyOf, parseRow } from './common';
import { deleteOne, type DeleteOptions } from './delete';
import { guaranteedUpdate } from './guaranteed-update';

const VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

function tooManyRequests(cause: string): StatusError {
  return new StatusError(429, 'TooManyRequests', VIOLATION, { causes: [{ reason: 'DisruptionBudget', message: cause }] });
}

export async function handleEviction(ctx: ResourceCtx): Promise<Response> {
  const name = ctx.req.name!;
  const body = (await readObjectBody(ctx.request)) as { metadata?: { name?: string }; deleteOptions?: DeleteOptions };
  if (body.metadata?.name !== undefined && body.metadata.name !== name) throw badRequest(`name in URL does not match name in Eviction object`);
  const deleteOptions = (body.deleteOptions ?? {}) as DeleteOptions;
  const row = await getObject(ctx.db, keyOf(ctx.def, ctx.req.namespace, name));
  if (!row) throw notFound({ resource: 'pods', group: '' }, name);
  const pod = parseRow(row) as BudgetPod;

  if (!canIgnoreBudget(pod)) {
    const budgets = await budgetsFor(ctx, pod);
    if (budgets.length > 1) throw internalError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    if (budgets.length === 1 && !evictableWhileUnhealthy(pod, budgets[0])) await spendBudget(ctx, budgets[0].metadata.name ?? '', pod);
  }
  await deleteOne(ctx, name, deleteOptions);
  return new Response(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }), {
    status: 201,
    headers: { 'content-type': 'application/json' },
  });
}

/** Finished, not yet running, or already deleting: no budget is spent (upstream's canIgnorePDB). */
function canIgnoreBudget(pod: BudgetPod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

/** unhealthyPodEvictionPolicy: a not-ready pod may go without spending the budget. */
function evictableWhileUnhealthy(pod: BudgetPod, pdb: Budget): boolean {
  if (isReady(pod)) return false;
  if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return true;
  const st = pdb.status ?? {};
  return (st.desiredHealthy ?? 0) > 0 && (st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0);
}

function pdbCtx(ctx: ResourceCtx, name: string): ResourceCtx {
  const def = ctx.registry.find('policy', 'v1', 'poddisruptionbudgets');
  if (!def) throw internalError('poddisruptionbudgets are not registered');
  return { ...ctx, def, req: { ...ctx.req, group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', name, subresource: 'status', verb: 'update' } };
}

async function budgetsFor(ctx: ResourceCtx, pod: BudgetPod): Promise<Budget[]> {
  const def = ctx.registry.find('policy', 'v1', 'poddisruptionbudgets');
  if (!def) return [];
  const { rows } = await listObjects(ctx.db, { resource: storageResource(def), namespace: pod.metadata.namespace ?? '' });
  return rows.map((r) => parseRow(r) as Budget).filter((pdb) => coveredPods(pdb, [pod]).length === 1);
}

async function spendBudget(ctx: ResourceCtx, pdbName: string, pod: BudgetPod): Promise<void> {
  await guaranteedUpdate(pdbCtx(ctx, pdbName), {
    name: pdbName,
    part: 'status',
    systemWrite: true,
    retryOnConflict: true,
    mutate: (current: KObject) => {
      const pdb = current as Budget;
      const st = { ...(pdb.status ?? {}) };
      if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw tooManyRequests(`The disruption budget ${pdbName} is still being processed by the server.`);
      const allowed = st.disruptionsAllowed ?? 0;
      if (allowed < 0) throw new StatusError(403, 'Forbidden', 'pdb disruptions allowed is negative');
      if (Object.keys(st.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS) throw new StatusError(403, 'Forbidden', 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
      if (allowed === 0) throw tooManyRequests(`The disruption budget ${pdbName} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`);
      st.disruptionsAllowed = allowed - 1;
      if (st.disruptionsAllowed === 0) {
        st.conditions = (st.conditions ?? []).map((c) => (c.type === 'DisruptionAllowed' ? { ...c, status: 'False', reason: 'InsufficientPods', message: '', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } : c));
      }
      st.disruptedPods = { ...(st.disruptedPods ?? {}), [pod.metadata.name ?? '']: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
      const next = { ...pdb, status: st };
      delete next.metadata.resourceVersion;
      return { obj: next, required: [] };
    },
  });
}
