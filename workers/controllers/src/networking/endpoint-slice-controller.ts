// The EndpointSlice controller: keeps the slices of every Service with a selector in step with the
// ready, serving and terminating pods it selects. Decisions in endpoint-slice-plan.ts (pure).
import { StatusError } from '../../../kube/status';
import type { KObject } from '../../../kube/registry/types';
import type { Pod } from '../controllers/common/types';
import { type ControllerSpec, type ReconcileContext, POD_POKE_MS } from '../runtime/types';
import { splitKey } from '../workloads/owners';
import { type EndpointSlice, isManagedSlice, planSlices, SERVICE_NAME_LABEL, ZONE_LABEL } from './endpoint-slice-plan';
import { serviceKeysFor, type Service } from './pod-endpoints';

const SLICES = 'discovery.k8s.io/endpointslices';
const slicesPath = (ns: string) => `/apis/discovery.k8s.io/v1/namespaces/${encodeURIComponent(ns)}/endpointslices`;

export const endpointSliceController: ControllerSpec = {
  name: 'endpointslice-controller',
  watches: [
    { resource: 'services', listPath: '/api/v1/services' },
    { resource: 'pods', listPath: '/api/v1/pods', pokeIntervalMs: POD_POKE_MS },
    { resource: SLICES, listPath: '/apis/discovery.k8s.io/v1/endpointslices' },
    { resource: 'nodes', listPath: '/api/v1/nodes' },
  ],
  keysFor(resource, obj, old, cache) {
    const ns = obj.metadata.namespace ?? '';
    switch (resource) {
      case 'services':
        return [`${ns}/${obj.metadata.name}`];
      case 'pods':
        return serviceKeysFor(cache.list('services', ns) as Service[], [obj, old]);
      case SLICES: {
        // Someone else touching our slices gets them put back.
        const svc = obj.metadata.labels?.[SERVICE_NAME_LABEL];
        return svc && isManagedSlice(obj) ? [`${ns}/${svc}`] : [];
      }
      case 'nodes': {
        // Only a zone change matters (node heartbeats are frequent and irrelevant).
        const zone = obj.metadata.labels?.[ZONE_LABEL];
        if (zone === old?.metadata.labels?.[ZONE_LABEL]) return [];
        const pods = cache.list('pods').filter((p) => (p as Pod).spec?.nodeName === obj.metadata.name);
        const keys = new Set<string>();
        for (const p of pods) for (const k of serviceKeysFor(cache.list('services', p.metadata.namespace) as Service[], [p])) keys.add(k);
        return [...keys];
      }
    }
    return [];
  },
  async reconcile(key, ctx) {
    const { namespace, name } = splitKey(key);
    const svc = ctx.cache.get('services', key) as Service | undefined;
    const existing = ctx.cache.list(SLICES, namespace).filter((s) => isManagedSlice(s) && s.metadata.labels?.[SERVICE_NAME_LABEL] === name) as EndpointSlice[];
    if (!svc && existing.length === 0) return;
    const zoneOf = (node: string) => ctx.cache.get('nodes', node)?.metadata.labels?.[ZONE_LABEL];
    const plan = planSlices(svc, ctx.cache.list('pods', namespace) as Pod[], existing, zoneOf);
    try {
      // Add before removing, so consumers never see a Service's endpoints vanish in between.
      for (const s of plan.create) remember(ctx, 'ADDED', await ctx.api.create<KObject>(slicesPath(namespace), s));
      for (const s of plan.update) remember(ctx, 'MODIFIED', await ctx.api.update<KObject>(`${slicesPath(namespace)}/${encodeURIComponent(s.metadata.name!)}`, s));
      for (const s of plan.delete) {
        await ignoreMissing(ctx.api.delete(`${slicesPath(namespace)}/${encodeURIComponent(s.metadata.name!)}`, { preconditions: { uid: s.metadata.uid } }));
        remember(ctx, 'DELETED', s);
      }
    } catch (e) {
      // The namespace is being deleted: its contents go with it.
      if (e instanceof StatusError && e.code === 403 && /being terminated/.test(e.message)) return;
      if (svc) ctx.event(svc, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${key}: ${String((e as Error).message ?? e)}`);
      throw e;
    }
  },
};

/**
 * Writes go straight into the cache: a reconcile running before the change log catches up must not
 * create the same slice twice. The log replays them later, ending at the same or a newer version.
 */
function remember(ctx: ReconcileContext, type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KObject) {
  ctx.cache.apply(SLICES, type, obj);
}

async function ignoreMissing(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof StatusError && (e.code === 404 || e.code === 409))) throw e;
  }
}
