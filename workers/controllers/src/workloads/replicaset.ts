// The ReplicaSet controller: keeps `spec.replicas` pods matching the template, adopting and
// releasing pods by selector, and writes status. Decisions in controllers/replicaset (pure).
import { StatusError } from '../../../kube/status';
import type { KObject } from '../../../kube/registry/types';
import { eachLimited } from '../../../kube/event-loop/each-limited';
import { podFromTemplate, reconcileReplicaSet, runSlowStart } from '../controllers/replicaset';
import { controllerRef } from '../controllers/common';
import type { ControllerSpec } from '../runtime/types';
import { addOwnerPatch, controllerOf, pathOf, removeOwnerPatch, splitKey } from './owners';
import { selectorFromLabelSelector, matchesLabels } from '../../../kube/selectors/labels';

const RS = 'apps/replicasets';

/**
 * Upstream deletes the pods it chose all at once (a goroutine each, at most burstReplicas per sync) and
 * waits for them; here at most this many requests are in flight.
 */
const PARALLEL_DELETES = 32;

export const replicaSetController: ControllerSpec = {
  name: 'replicaset-controller',
  watches: [
    { resource: RS, listPath: '/apis/apps/v1/replicasets' },
    { resource: 'pods', listPath: '/api/v1/pods' },
  ],
  keysFor(resource, obj, old, cache) {
    if (resource === RS) return [`${obj.metadata.namespace}/${obj.metadata.name}`];
    const keys = new Set<string>();
    for (const o of [obj, old]) {
      if (!o) continue;
      const owner = controllerOf(o, 'ReplicaSet');
      if (owner) keys.add(owner);
      else {
        // An orphan: any ReplicaSet whose selector matches may adopt it.
        for (const rs of cache.list(RS, o.metadata.namespace)) {
          try {
            if (matchesLabels(selectorFromLabelSelector((rs.spec as { selector?: never })?.selector), o.metadata.labels)) keys.add(`${rs.metadata.namespace}/${rs.metadata.name}`);
          } catch {
            // an invalid selector adopts nothing
          }
        }
      }
    }
    return [...keys];
  },
  async reconcile(key, ctx) {
    const rs = ctx.cache.get(RS, key);
    if (!rs) return;
    const { namespace } = splitKey(key);
    const pods = ctx.cache.list('pods', namespace);
    const d = reconcileReplicaSet(rs as never, pods as never, new Date(ctx.now));
    for (const p of d.adopt) await patchOrIgnore(ctx.api, pathOf('Pod', namespace, p.metadata.name!), addOwnerPatch(controllerRef(rs as never)));
    for (const p of d.release) await patchOrIgnore(ctx.api, pathOf('Pod', namespace, p.metadata.name!), removeOwnerPatch(rs.metadata.uid!));
    if (d.create > 0) {
      const res = await runSlowStart(d.create, () => ctx.api.create(pathOf('Pod', namespace, '').replace(/\/$/, ''), podFromTemplate(rs as never)));
      if (res.succeeded) ctx.event(rs, 'Normal', 'SuccessfulCreate', `Created ${res.succeeded} pod(s)`);
      if (res.errors.length) {
        ctx.event(rs, 'Warning', 'FailedCreate', `Error creating: ${String((res.errors[0] as Error).message ?? res.errors[0])}`);
        throw res.errors[0];
      }
    }
    const deleteErrors = await eachLimited(d.delete, PARALLEL_DELETES, async (p) => {
      try {
        await ctx.api.delete(pathOf('Pod', namespace, p.metadata.name!));
        ctx.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) throw e;
      }
    });
    if (deleteErrors.length) throw deleteErrors[0];
    if (JSON.stringify(d.status) !== JSON.stringify((rs as KObject & { status?: unknown }).status ?? {})) {
      await ctx.api.patch(pathOf('ReplicaSet', namespace, rs.metadata.name!, 'status'), { status: d.status });
    }
    return d.requeueAfterSeconds !== undefined ? { requeueAfterMs: d.requeueAfterSeconds * 1000 } : undefined;
  },
};

async function patchOrIgnore(api: import('../../../kube/client').ApiClient, path: string, patch: unknown) {
  try {
    await api.patch(path, patch, 'application/strategic-merge-patch+json');
  } catch (e) {
    if (!(e instanceof StatusError && (e.code === 404 || e.code === 409))) throw e;
  }
}
