// The Deployment controller: rolling updates and recreates through ReplicaSets, revisions, rollback,
// progress conditions and status. Decisions in controllers/deployment (pure); this file carries out
// the actions in order and stops at the first failure (the key is retried with back-off).
import { StatusError } from '../../../kube/status';
import { reconcileDeployment, type DeploymentAction } from '../controllers/deployment';
import { controllerRef } from '../controllers/common';
import { type ControllerSpec, type ReconcileContext, SECONDARY_POKE_MS } from '../runtime/types';
import type { KObject } from '../../../kube/registry/types';
import { addOwnerPatch, controllerOf, pathOf, removeOwnerPatch, splitKey } from './owners';

const DEPLOY = 'apps/deployments';
const RS = 'apps/replicasets';

export const deploymentController: ControllerSpec = {
  name: 'deployment-controller',
  watches: [
    { resource: DEPLOY, listPath: '/apis/apps/v1/deployments' },
    { resource: RS, listPath: '/apis/apps/v1/replicasets' },
    { resource: 'pods', listPath: '/api/v1/pods', pokeIntervalMs: SECONDARY_POKE_MS },
  ],
  keysFor(resource, obj, old, cache) {
    if (resource === DEPLOY) return [`${obj.metadata.namespace}/${obj.metadata.name}`];
    const keys = new Set<string>();
    for (const o of [obj, old]) {
      if (!o) continue;
      if (resource === RS) {
        const d = controllerOf(o, 'Deployment');
        if (d) keys.add(d);
        else for (const dep of cache.list(DEPLOY, o.metadata.namespace)) keys.add(`${dep.metadata.namespace}/${dep.metadata.name}`);
      } else {
        const rsKey = controllerOf(o, 'ReplicaSet');
        const rs = rsKey ? cache.get(RS, rsKey) : undefined;
        const d = rs ? controllerOf(rs, 'Deployment') : undefined;
        if (d) keys.add(d);
      }
    }
    return [...keys];
  },
  async reconcile(key, ctx) {
    const d = ctx.cache.get(DEPLOY, key);
    if (!d) return;
    const { namespace } = splitKey(key);
    const decision = reconcileDeployment(d as never, ctx.cache.list(RS, namespace) as never, ctx.cache.list('pods', namespace) as never, new Date(ctx.now));
    for (const a of decision.actions) await carryOut(ctx, d, namespace, a);
    return decision.requeueAfterSeconds !== undefined ? { requeueAfterMs: decision.requeueAfterSeconds * 1000 } : undefined;
  },
};

async function carryOut(ctx: ReconcileContext, d: KObject, namespace: string, a: DeploymentAction) {
  const api = ctx.api;
  switch (a.type) {
    case 'createReplicaSet': {
      try {
        await api.create(pathOf('ReplicaSet', namespace, '').replace(/\/$/, ''), a.replicaSet);
      } catch (e) {
        // The name is the template hash: an existing one is ours already (the cache was behind).
        if (e instanceof StatusError && e.code === 409) return;
        throw e;
      }
      const replicas = (a.replicaSet.spec as { replicas?: number } | undefined)?.replicas ?? 0;
      ctx.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${a.replicaSet.metadata.name} from 0 to ${replicas}`);
      return;
    }
    case 'updateReplicaSet': {
      const cur = ctx.cache.get(RS, `${namespace}/${a.replicaSet.metadata.name}`);
      const before = (cur?.spec as { replicas?: number } | undefined)?.replicas;
      const after = (a.replicaSet.spec as { replicas?: number } | undefined)?.replicas;
      // A merge patch of only the fields this controller owns: the ReplicaSet controller writes its
      // status all the time, and a full update would conflict with each of those writes.
      const rsSpec = a.replicaSet.spec as { replicas?: number; minReadySeconds?: number } | undefined;
      await api.patch(pathOf('ReplicaSet', namespace, a.replicaSet.metadata.name!), {
        metadata: { annotations: a.replicaSet.metadata.annotations ?? {} },
        spec: { replicas: rsSpec?.replicas ?? 0, minReadySeconds: rsSpec?.minReadySeconds ?? 0 },
      });
      if (before !== undefined && after !== undefined && before !== after) {
        ctx.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${after > before ? 'up' : 'down'} replica set ${a.replicaSet.metadata.name} from ${before} to ${after}`);
      }
      return;
    }
    case 'deleteReplicaSet':
      try {
        await api.delete(pathOf('ReplicaSet', namespace, a.replicaSet.metadata.name!));
      } catch (e) {
        if (!(e instanceof StatusError && e.code === 404)) throw e;
      }
      return;
    case 'adoptReplicaSet':
      await api.patch(pathOf('ReplicaSet', namespace, a.replicaSet.metadata.name!), addOwnerPatch(controllerRef(d as never)), 'application/strategic-merge-patch+json');
      return;
    case 'releaseReplicaSet':
      await api.patch(pathOf('ReplicaSet', namespace, a.replicaSet.metadata.name!), removeOwnerPatch(d.metadata.uid!), 'application/strategic-merge-patch+json');
      return;
    case 'setDeploymentAnnotations':
      await api.patch(pathOf('Deployment', namespace, d.metadata.name!), { metadata: { annotations: a.annotations } });
      return;
    case 'updateStatus':
      await api.patch(pathOf('Deployment', namespace, d.metadata.name!, 'status'), { status: a.status });
      return;
  }
}
