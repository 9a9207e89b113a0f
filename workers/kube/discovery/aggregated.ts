// Aggregated discovery (apidiscovery.k8s.io/v2): what kubectl asks for first on GET /api and /apis.
// kubectl drops a resource without responseKind, and needs shortNames and categories for `po` / `get all`.
import { DEFAULT_VERBS, type ResourceDef } from '../registry/types';
import { defsAt, groupsOf } from './versions';
import { gvkOf, subresourcesOf, type GVK } from './subresources';

export const AGGREGATED_DISCOVERY_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export interface APISubresourceDiscovery {
  subresource: string;
  responseKind: GVK;
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  responseKind: GVK;
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources: APIResourceDiscovery[];
  freshness: 'Current';
}

export interface APIGroupDiscovery {
  metadata: { name: string };
  versions: APIVersionDiscovery[];
}

export interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  apiVersion: 'apidiscovery.k8s.io/v2';
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}

export function resourceDiscovery(def: ResourceDef<any>): APIResourceDiscovery {
  const out: APIResourceDiscovery = {
    resource: def.plural,
    responseKind: gvkOf(def),
    scope: def.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: def.singular,
    verbs: [...(def.verbs ?? DEFAULT_VERBS)],
  };
  if (def.shortNames?.length) out.shortNames = [...def.shortNames];
  if (def.categories?.length) out.categories = [...def.categories];
  const subs = subresourcesOf(def);
  if (subs.length) out.subresources = subs.map((s) => ({ subresource: s.name, responseKind: s.responseKind, verbs: s.verbs }));
  return out;
}

function groupDiscovery(defs: readonly ResourceDef<any>[], group: string, versions: string[]): APIGroupDiscovery {
  return {
    metadata: { name: group },
    versions: versions.map((version) => ({
      version,
      resources: defsAt(defs, group, version).map(resourceDiscovery),
      freshness: 'Current' as const,
    })),
  };
}

const cache = new WeakMap<readonly ResourceDef<any>[], { api?: APIGroupDiscoveryList; apis?: APIGroupDiscoveryList }>();

/**
 * GET /api (`root: 'api'`: the core group, one item named "") or GET /apis (every named group).
 * Cached per defs array: treat the result as read-only.
 */
export function aggregatedDiscovery(defs: readonly ResourceDef<any>[], root: 'api' | 'apis'): APIGroupDiscoveryList {
  let entry = cache.get(defs);
  if (!entry) cache.set(defs, (entry = {}));
  const hit = entry[root];
  if (hit) return hit;
  const groups = groupsOf(defs);
  let items: APIGroupDiscovery[];
  if (root === 'api') {
    // kubectl expects the core group even when nothing in it is served yet.
    const core = groups.find((g) => g.group === '');
    items = [groupDiscovery(defs, '', core?.versions ?? ['v1'])];
  } else {
    items = groups.filter((g) => g.group !== '').map((g) => groupDiscovery(defs, g.group, g.versions));
  }
  const list: APIGroupDiscoveryList = { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
  entry[root] = list;
  return list;
}
