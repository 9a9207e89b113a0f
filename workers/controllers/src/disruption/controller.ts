// The disruption controller: keeps each PodDisruptionBudget's status (healthy pods, disruptions
// allowed) current, and forgets evictions the API allowed once their pods are deleting or the
// confirmation window passed. The eviction subresource spends what this computes.
import { StatusError } from '../../../kube/status';
import { type Budget, type BudgetPod, DISRUPTED_POD_TIMEOUT_MS, budgetStatus, coveredPods, needsControllerScale } from '../../../kube/disruption/budget';
import { deepEqual } from '../../../kube/json';
import { type ControllerSpec, SECONDARY_POKE_MS } from '../runtime/types';
import { splitKey } from '../workloads/owners';
import { controllerScale } from './scale';

const PDBS = 'policy/poddisruptionbudgets';

const statusPath = (ns: string, name: string) => `/apis/policy/v1/namespaces/${encodeURIComponent(ns)}/poddisruptionbudgets/${encodeURIComponent(name)}/status`;

export const disruptionController: ControllerSpec = {
  name: 'disruption-controller',
  watches: [
    { resource: PDBS, listPath: '/apis/policy/v1/poddisruptionbudgets' },
    { resource: 'pods', listPath: '/api/v1/pods', pokeIntervalMs: SECONDARY_POKE_MS },
    { resource: 'apps/replicasets', listPath: '/apis/apps/v1/replicasets' },
    { resource: 'apps/deployments', listPath: '/apis/apps/v1/deployments' },
    { resource: 'apps/statefulsets', listPath: '/apis/apps/v1/statefulsets' },
  ],
  keysFor(resource, obj, old, cache) {
    const ns = obj.metadata.namespace ?? '';
    if (resource === PDBS) return [`${ns}/${obj.metadata.name}`];
    const budgets = cache.list(PDBS, ns) as Budget[];
    if (resource !== 'pods') return budgets.map((b) => `${ns}/${b.metadata.name}`);
    const pods = [obj, old].filter((p): p is BudgetPod => !!p);
    return budgets.filter((b) => coveredPods(b, pods).length > 0).map((b) => `${ns}/${b.metadata.name}`);
  },
  async reconcile(key, ctx) {
    const pdb = ctx.cache.get(PDBS, key) as Budget | undefined;
    if (!pdb || pdb.metadata.deletionTimestamp) return;
    const { namespace, name } = splitKey(key);
    const pods = coveredPods(pdb, ctx.cache.list('pods', namespace) as BudgetPod[]);
    const scale = needsControllerScale(pdb) ? controllerScale(pods, ctx.cache) : undefined;
    const status = budgetStatus(pdb, pods, scale, ctx.now);
    // Evictions still waiting for their pod to be deleted expire; look again then.
    const pending = Object.values(status.disruptedPods ?? {}).map((t) => Date.parse(t) + DISRUPTED_POD_TIMEOUT_MS - ctx.now);
    const requeueAfterMs = pending.length > 0 ? Math.max(1000, Math.min(...pending) + 1000) : undefined;
    if (deepEqual(normalized(status), normalized(pdb.status ?? {}))) return requeueAfterMs ? { requeueAfterMs } : undefined;
    if (status.conditions?.[0]?.status === 'False' && status.conditions[0].reason === 'SyncFailed' && pdb.status?.conditions?.[0]?.reason !== 'SyncFailed') {
      ctx.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${status.conditions[0].message}`);
    }
    try {
      const updated = await ctx.api.update(statusPath(namespace, name), { ...pdb, status });
      ctx.cache.apply(PDBS, 'MODIFIED', updated);
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) return;
      throw e;
    }
    return requeueAfterMs ? { requeueAfterMs } : undefined;
  },
};

/** Status compared without condition timestamps, so an unchanged budget is not rewritten. */
function normalized(s: Budget['status']) {
  return { ...s, disruptedPods: s?.disruptedPods ?? {}, conditions: (s?.conditions ?? []).map(({ lastTransitionTime: _t, ...c }) => c) };
}
