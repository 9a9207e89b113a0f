// The subresources a ResourceDef serves, with the kind each one returns and the verbs it accepts.
// Shared by discovery and OpenAPI so both describe the same endpoints.
import type { ResourceDef } from '../registry/types';

export interface GVK {
  group: string;
  version: string;
  kind: string;
}

export interface SubresourceInfo {
  name: string;
  responseKind: GVK;
  verbs: string[];
}

const READ_WRITE = ['get', 'patch', 'update'];

// Fixed response kinds of the well-known subresources; `self` means the parent's own kind.
const KNOWN: Record<string, { kind: GVK | 'self' | ((def: ResourceDef<any>) => GVK); verbs: string[] }> = {
  status: { kind: 'self', verbs: READ_WRITE },
  scale: { kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: READ_WRITE },
  binding: { kind: { group: '', version: 'v1', kind: 'Binding' }, verbs: ['create'] },
  eviction: { kind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] },
  log: { kind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] },
  exec: { kind: { group: '', version: 'v1', kind: 'PodExecOptions' }, verbs: ['create', 'get'] },
  attach: { kind: { group: '', version: 'v1', kind: 'PodAttachOptions' }, verbs: ['create', 'get'] },
  portforward: { kind: { group: '', version: 'v1', kind: 'PodPortForwardOptions' }, verbs: ['create', 'get'] },
  proxy: { kind: (d) => ({ group: '', version: 'v1', kind: `${d.kind}ProxyOptions` }), verbs: ['create', 'delete', 'get', 'patch', 'update'] },
  finalize: { kind: 'self', verbs: ['update'] },
  ephemeralcontainers: { kind: 'self', verbs: READ_WRITE },
  resize: { kind: 'self', verbs: READ_WRITE },
  approval: { kind: 'self', verbs: READ_WRITE },
  token: { kind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, verbs: ['create'] },
};

export function gvkOf(def: Pick<ResourceDef<any>, 'group' | 'version' | 'kind'>): GVK {
  return { group: def.group, version: def.version, kind: def.kind };
}

/** status and scale first (from their flags), then `def.subresources`; duplicates dropped; sorted by name. */
export function subresourcesOf(def: ResourceDef<any>): SubresourceInfo[] {
  const names = new Set<string>();
  if (def.status) names.add('status');
  if (def.scale) names.add('scale');
  for (const s of def.subresources ?? []) names.add(s);
  return [...names].sort().map((name) => {
    const known = KNOWN[name];
    const kind = !known || known.kind === 'self' ? gvkOf(def) : typeof known.kind === 'function' ? known.kind(def) : known.kind;
    // An unfamiliar subresource is described as a read of the parent kind: honest and harmless to clients.
    return { name, responseKind: { ...kind }, verbs: [...(known?.verbs ?? ['get'])] };
  });
}
