// Small helpers shared by the workload controllers: controller references and paths.
import { resourcePath } from '../../../kube/client';
import type { KObject } from '../../../kube/registry/types';

export function controllerOf(obj: KObject, kind: string): string | undefined {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === kind);
  return ref ? `${obj.metadata.namespace}/${ref.name}` : undefined;
}

export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

const PLURALS: Record<string, { group: string; version: string; plural: string }> = {
  Pod: { group: '', version: 'v1', plural: 'pods' },
  ReplicaSet: { group: 'apps', version: 'v1', plural: 'replicasets' },
  Deployment: { group: 'apps', version: 'v1', plural: 'deployments' },
  Job: { group: 'batch', version: 'v1', plural: 'jobs' },
  CronJob: { group: 'batch', version: 'v1', plural: 'cronjobs' },
  DaemonSet: { group: 'apps', version: 'v1', plural: 'daemonsets' },
  StatefulSet: { group: 'apps', version: 'v1', plural: 'statefulsets' },
  ControllerRevision: { group: 'apps', version: 'v1', plural: 'controllerrevisions' },
  PersistentVolumeClaim: { group: '', version: 'v1', plural: 'persistentvolumeclaims' },
};

/** The kinds with a known path, as store resources ("apps/daemonsets") with their cluster-wide list paths. */
export const FOLLOWED_KINDS = Object.entries(PLURALS).map(([kind, p]) => ({
  kind,
  resource: p.group ? `${p.group}/${p.plural}` : p.plural,
  listPath: resourcePath({ ...p, namespace: undefined, name: undefined }),
}));

export const hasPath = (kind: string) => kind in PLURALS;

export function pathOf(kind: string, namespace: string | undefined, name: string, subresource?: string): string {
  const p = PLURALS[kind];
  if (!p) throw new Error(`no path for kind ${kind}`);
  return resourcePath({ ...p, namespace, name, subresource });
}

/** The collection path of a followed kind, in one namespace (or all when undefined). */
export function collectionPathOf(kind: string, namespace: string | undefined): string {
  const p = PLURALS[kind];
  if (!p) throw new Error(`no path for kind ${kind}`);
  return resourcePath({ ...p, namespace, name: undefined });
}

/** Strategic-merge patches for ownerReferences (merged by uid). */
export const addOwnerPatch = (ref: unknown) => ({ metadata: { ownerReferences: [ref] } });
export const removeOwnerPatch = (uid: string) => ({ metadata: { ownerReferences: [{ $patch: 'delete', uid }] } });
