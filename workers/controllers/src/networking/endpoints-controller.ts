// The Endpoints controller: the legacy core/v1 view of a Service's pods, one object named like the
// Service. Decisions in endpoints-plan.ts (pure).
import { StatusError } from '../../../kube/status';
import type { KObject } from '../../../kube/registry/types';
import type { Pod } from '../controllers/common/types';
import { type ControllerSpec, POD_POKE_MS } from '../runtime/types';
import { splitKey } from '../workloads/owners';
import { type Endpoints, planEndpoints } from './endpoints-plan';
import { serviceKeysFor, type Service } from './pod-endpoints';

const endpointsPath = (ns: string, name?: string) => `/api/v1/namespaces/${encodeURIComponent(ns)}/endpoints${name ? `/${encodeURIComponent(name)}` : ''}`;

export const endpointsController: ControllerSpec = {
  name: 'endpoints-controller',
  watches: [
    { resource: 'services', listPath: '/api/v1/services' },
    { resource: 'pods', listPath: '/api/v1/pods', pokeIntervalMs: POD_POKE_MS },
    { resource: 'endpoints', listPath: '/api/v1/endpoints' },
  ],
  keysFor(resource, obj, old, cache) {
    const ns = obj.metadata.namespace ?? '';
    if (resource === 'pods') return serviceKeysFor(cache.list('services', ns) as Service[], [obj, old]);
    // Services and their Endpoints share a name.
    return [`${ns}/${obj.metadata.name}`];
  },
  async reconcile(key, ctx) {
    const { namespace, name } = splitKey(key);
    const svc = ctx.cache.get('services', key) as Service | undefined;
    const existing = ctx.cache.get('endpoints', key) as Endpoints | undefined;
    if (!svc && !existing) return;
    const plan = planEndpoints(svc, ctx.cache.list('pods', namespace) as Pod[], existing, name);
    try {
      switch (plan.action) {
        case 'none':
          return;
        case 'create':
          ctx.cache.apply('endpoints', 'ADDED', await ctx.api.create<KObject>(endpointsPath(namespace), plan.object));
          return;
        case 'update':
          ctx.cache.apply('endpoints', 'MODIFIED', await ctx.api.update<KObject>(endpointsPath(namespace, name), plan.object));
          return;
        case 'delete':
          await ctx.api.delete(endpointsPath(namespace, name), { preconditions: { uid: plan.object.metadata.uid } });
          ctx.cache.apply('endpoints', 'DELETED', plan.object);
          return;
      }
    } catch (e) {
      if (e instanceof StatusError) {
        // Gone already, or the namespace is being deleted: nothing left to keep in step.
        if (plan.action === 'delete' && (e.code === 404 || e.code === 409)) {
          ctx.cache.apply('endpoints', 'DELETED', plan.object);
          return;
        }
        if (e.code === 403 && /being terminated/.test(e.message)) return;
        // Created by someone else since the cache was filled: the next pass updates it.
        if (plan.action === 'create' && e.code === 409) return { requeueAfterMs: 1000 };
      }
      if (svc) ctx.event(svc, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${key}: ${String((e as Error).message ?? e)}`);
      throw e;
    }
  },
};
