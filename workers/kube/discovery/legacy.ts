// Legacy (unaggregated) discovery, served when the client accepts only plain application/json:
// /api → APIVersions, /apis → APIGroupList, /apis/<g> → APIGroup, /api/v1 and /apis/<g>/<v> → APIResourceList.
import { DEFAULT_VERBS, type ResourceDef } from '../registry/types';
import { defsAt, groupsOf } from './versions';
import { subresourcesOf } from './subresources';

export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

export interface APIGroup {
  kind?: 'APIGroup';
  apiVersion?: 'v1';
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
}

export interface APIGroupList {
  kind: 'APIGroupList';
  apiVersion: 'v1';
  groups: APIGroup[];
}

export interface APIVersions {
  kind: 'APIVersions';
  versions: string[];
  serverAddressByClientCIDRs: { clientCIDR: string; serverAddress: string }[];
}

export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  /** Set only when the kind's group/version differs from the list's (e.g. autoscaling/v1 Scale). */
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

export interface APIResourceList {
  kind: 'APIResourceList';
  apiVersion: 'v1';
  groupVersion: string;
  resources: APIResource[];
}

/** GET /api. `serverAddress` is host[:port] as the client reached us. */
export function apiVersions(defs: readonly ResourceDef<any>[], serverAddress: string): APIVersions {
  const core = groupsOf(defs).find((g) => g.group === '');
  return {
    kind: 'APIVersions',
    versions: core?.versions ?? ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(group: string, versions: string[]): APIGroup {
  const gvs = versions.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: gvs, preferredVersion: gvs[0] };
}

/** GET /apis. */
export function apiGroupList(defs: readonly ResourceDef<any>[]): APIGroupList {
  const groups = groupsOf(defs).filter((g) => g.group !== '');
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => groupEntry(g.group, g.versions)) };
}

/** GET /apis/<group>; undefined when the group is not served (the caller answers 404). */
export function apiGroup(defs: readonly ResourceDef<any>[], group: string): APIGroup | undefined {
  if (!group) return undefined;
  const g = groupsOf(defs).find((x) => x.group === group);
  return g && { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(g.group, g.versions) };
}

/** GET /api/v1 or /apis/<group>/<version>; undefined when nothing is served there. */
export function apiResourceList(defs: readonly ResourceDef<any>[], group: string, version: string): APIResourceList | undefined {
  const served = defsAt(defs, group, version);
  if (!served.length) return undefined;
  const resources: APIResource[] = [];
  for (const def of served) {
    const main: APIResource = { name: def.plural, singularName: def.singular, namespaced: def.namespaced, kind: def.kind, verbs: [...(def.verbs ?? DEFAULT_VERBS)] };
    if (def.shortNames?.length) main.shortNames = [...def.shortNames];
    if (def.categories?.length) main.categories = [...def.categories];
    resources.push(main);
    for (const sub of subresourcesOf(def)) {
      const entry: APIResource = { name: `${def.plural}/${sub.name}`, singularName: '', namespaced: def.namespaced, kind: sub.responseKind.kind, verbs: sub.verbs };
      if (sub.responseKind.group !== group || sub.responseKind.version !== version) {
        entry.group = sub.responseKind.group;
        entry.version = sub.responseKind.version;
      }
      resources.push(entry);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}
