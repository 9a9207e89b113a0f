// The kinds the console lists, with what it needs to build their API paths. `key` is the URL segment
// of the list page (#/r/<key>): the resource's plural, qualified by its group when it has one.
export interface KindInfo {
  key: string;
  kind: string;
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  title: string;
  section: 'Workloads' | 'Network' | 'Config' | 'Storage' | 'Cluster' | 'Custom resources';
}

function k(kind: string, group: string, version: string, plural: string, namespaced: boolean, title: string, section: KindInfo['section']): KindInfo {
  return { key: group ? `${plural}.${group}` : plural, kind, group, version, plural, namespaced, title, section };
}

export const KINDS: readonly KindInfo[] = [
  k('Pod', '', 'v1', 'pods', true, 'Pods', 'Workloads'),
  k('Deployment', 'apps', 'v1', 'deployments', true, 'Deployments', 'Workloads'),
  k('ReplicaSet', 'apps', 'v1', 'replicasets', true, 'ReplicaSets', 'Workloads'),
  k('StatefulSet', 'apps', 'v1', 'statefulsets', true, 'StatefulSets', 'Workloads'),
  k('DaemonSet', 'apps', 'v1', 'daemonsets', true, 'DaemonSets', 'Workloads'),
  k('Job', 'batch', 'v1', 'jobs', true, 'Jobs', 'Workloads'),
  k('CronJob', 'batch', 'v1', 'cronjobs', true, 'CronJobs', 'Workloads'),
  k('Service', '', 'v1', 'services', true, 'Services', 'Network'),
  k('Ingress', 'networking.k8s.io', 'v1', 'ingresses', true, 'Ingresses', 'Network'),
  k('ConfigMap', '', 'v1', 'configmaps', true, 'ConfigMaps', 'Config'),
  k('Secret', '', 'v1', 'secrets', true, 'Secrets', 'Config'),
  k('PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims', true, 'PersistentVolumeClaims', 'Storage'),
  k('PersistentVolume', '', 'v1', 'persistentvolumes', false, 'PersistentVolumes', 'Storage'),
  k('Node', '', 'v1', 'nodes', false, 'Nodes', 'Cluster'),
  k('Namespace', '', 'v1', 'namespaces', false, 'Namespaces', 'Cluster'),
  k('Event', '', 'v1', 'events', true, 'Events', 'Cluster'),
];

const BY_KEY = new Map(KINDS.map((x) => [x.key, x]));
let custom = new Map<string, KindInfo>();

export function kindByKey(key: string): KindInfo | undefined {
  return BY_KEY.get(key) ?? custom.get(key);
}

/** The custom resources the cluster serves now (from its CRDs); built-in kinds are never replaced. */
export function registerCustomKinds(kinds: readonly KindInfo[]): void {
  custom = new Map(kinds.filter((k) => !BY_KEY.has(k.key)).map((k) => [k.key, k]));
}

export function customKinds(): KindInfo[] {
  return [...custom.values()];
}

/** The kind for an apiVersion + kind pair (owner references, involved objects), if the console lists it. */
export function kindOf(apiVersion: string | undefined, kind: string | undefined): KindInfo | undefined {
  const group = apiVersion?.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return KINDS.find((x) => x.kind === kind && x.group === group);
}

export function apiVersionOf(info: KindInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** The collection path, in one namespace or (namespace undefined) across all of them. */
export function collectionPath(info: KindInfo, namespace?: string): string {
  const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${info.plural}`;
}

export function objectPath(info: KindInfo, namespace: string | undefined, name: string): string {
  return `${collectionPath(info, namespace)}/${encodeURIComponent(name)}`;
}
