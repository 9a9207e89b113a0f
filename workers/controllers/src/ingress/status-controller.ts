// The Ingress status controller: writes status.loadBalancer of the Ingresses of kubeflare's class (the
// agents' ingress proxy) with the addresses of the nodes serving them (status-plan.ts). Upstream leaves
// this to each ingress controller; a node credential may not write Ingresses, so it lives here.
import { claims, type IngressClassLike, type IngressLike } from '../../../kube/ingress/claim';
import { deepEqual } from '../../../kube/json';
import { StatusError } from '../../../kube/status';
import type { ControllerSpec } from '../runtime/types';
import { splitKey } from '../workloads/owners';
import { ingressLoadBalancer, type NodeLike } from './status-plan';

const INGRESSES = 'networking.k8s.io/ingresses';
const CLASSES = 'networking.k8s.io/ingressclasses';
const NODES = 'nodes';

type Ingress = IngressLike & { status?: { loadBalancer?: unknown } };
const statusPath = (ns: string, name: string) => `/apis/networking.k8s.io/v1/namespaces/${encodeURIComponent(ns)}/ingresses/${encodeURIComponent(name)}/status`;

/** Node changes matter only when what is published could change (addresses, readiness, the label). */
function published(n: NodeLike | undefined): string {
  return n ? JSON.stringify(ingressLoadBalancer([n])) : '';
}

export const ingressStatusController: ControllerSpec = {
  name: 'ingress-status-controller',
  watches: [
    { resource: INGRESSES, listPath: '/apis/networking.k8s.io/v1/ingresses' },
    { resource: CLASSES, listPath: '/apis/networking.k8s.io/v1/ingressclasses' },
    { resource: NODES, listPath: '/api/v1/nodes' },
  ],
  keysFor(resource, obj, old, cache) {
    if (resource === INGRESSES) return [`${obj.metadata.namespace}/${obj.metadata.name}`];
    if (resource === NODES && published(obj as NodeLike) === published(old as NodeLike | undefined)) return [];
    return cache.list(INGRESSES).map((i) => `${i.metadata.namespace}/${i.metadata.name}`);
  },
  async reconcile(key, ctx) {
    const ing = ctx.cache.get(INGRESSES, key) as Ingress | undefined;
    if (!ing || ing.metadata.deletionTimestamp) return;
    if (!claims(ing, ctx.cache.list(CLASSES) as IngressClassLike[])) return;
    const loadBalancer = ingressLoadBalancer(ctx.cache.list(NODES) as NodeLike[]);
    if (deepEqual(loadBalancer, ing.status?.loadBalancer ?? {})) return;
    const { namespace, name } = splitKey(key);
    try {
      ctx.cache.apply(INGRESSES, 'MODIFIED', await ctx.api.update(statusPath(namespace, name), { ...ing, status: { ...ing.status, loadBalancer } }));
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) return;
      throw e;
    }
  },
};
