// Where the kubelet helpers read the API objects a pod refers to (ConfigMaps, Secrets, claims and
// volumes). The agent reads them through the API with a short cache, so a pod that names one
// ConfigMap ten times (env, envFrom, volumes) costs one request; tests use an in-memory source.
import type { ApiClient } from '../../../workers/kube/client';
import type { KObject } from '../../../workers/kube/registry/types';
import type { ConfigMap as KConfigMap } from '../../../workers/kube/resources/core/configmap';
import type { Secret as KSecret } from '../../../workers/kube/resources/core/secret';

export type ConfigMap = KConfigMap;
export type Secret = KSecret;

export interface PVC extends KObject {
  spec?: { volumeName?: string; [k: string]: unknown };
  status?: { phase?: string; [k: string]: unknown };
}

export interface PV extends KObject {
  spec?: {
    hostPath?: { path: string; type?: string };
    local?: { path: string };
    claimRef?: { namespace?: string; name?: string; uid?: string };
    [k: string]: unknown;
  };
  status?: { phase?: string; [k: string]: unknown };
}

export interface ObjectSource {
  getConfigMap(ns: string, name: string): Promise<ConfigMap | null>;
  getSecret(ns: string, name: string): Promise<Secret | null>;
  getPersistentVolumeClaim(ns: string, name: string): Promise<PVC | null>;
  getPersistentVolume(name: string): Promise<PV | null>;
}

interface CacheEntry {
  at: number;
  value: Promise<KObject | null>;
}

/**
 * GETs through the API. Answers (including "not found") are kept for `ttlMs` (default 1 s) and
 * concurrent lookups of one object share one request; a failed request is not cached.
 */
export function apiObjectSource(api: ApiClient, opts: { ttlMs?: number; now?: () => number } = {}): ObjectSource {
  const ttl = opts.ttlMs ?? 1000;
  const now = opts.now ?? Date.now;
  const cache = new Map<string, CacheEntry>();
  const get = <T extends KObject>(path: string): Promise<T | null> => {
    const t = now();
    const hit = cache.get(path);
    if (hit && t - hit.at < ttl) return hit.value as Promise<T | null>;
    // Drop stale entries as we go so the map stays the size of what pods currently use.
    for (const [k, e] of cache) if (t - e.at >= ttl) cache.delete(k);
    const value = api.getOrNull<KObject>(path);
    cache.set(path, { at: t, value });
    value.catch(() => cache.delete(path));
    return value as Promise<T | null>;
  };
  const ns = (n: string) => `/api/v1/namespaces/${encodeURIComponent(n)}`;
  return {
    getConfigMap: (n, name) => get<ConfigMap>(`${ns(n)}/configmaps/${encodeURIComponent(name)}`),
    getSecret: (n, name) => get<Secret>(`${ns(n)}/secrets/${encodeURIComponent(name)}`),
    getPersistentVolumeClaim: (n, name) => get<PVC>(`${ns(n)}/persistentvolumeclaims/${encodeURIComponent(name)}`),
    getPersistentVolume: (name) => get<PV>(`/api/v1/persistentvolumes/${encodeURIComponent(name)}`),
  };
}

export interface StaticObjects {
  configMaps?: ConfigMap[];
  secrets?: Secret[];
  persistentVolumeClaims?: PVC[];
  persistentVolumes?: PV[];
}

/** An in-memory source for tests. The arrays are read on every call, so tests may mutate them. */
export function staticObjectSource(objects: StaticObjects): ObjectSource {
  const find = <T extends KObject>(list: T[] | undefined, ns: string | undefined, name: string): Promise<T | null> =>
    Promise.resolve(list?.find((o) => o.metadata.name === name && (ns === undefined || (o.metadata.namespace ?? 'default') === ns)) ?? null);
  return {
    getConfigMap: (ns, name) => find(objects.configMaps, ns, name),
    getSecret: (ns, name) => find(objects.secrets, ns, name),
    getPersistentVolumeClaim: (ns, name) => find(objects.persistentVolumeClaims, ns, name),
    getPersistentVolume: (name) => find(objects.persistentVolumes, undefined, name),
  };
}
