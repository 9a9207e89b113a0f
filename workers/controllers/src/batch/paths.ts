// API paths and small writes the batch controllers share.
import { resourcePath, type ApiClient } from '../../../kube/client';
import { StatusError } from '../../../kube/status';
import type { KObject } from '../../../kube/registry/types';

export const JOBS = 'batch/jobs';
export const CRONJOBS = 'batch/cronjobs';

export const podPath = (ns: string, name = '') => resourcePath({ group: '', version: 'v1', plural: 'pods', namespace: ns, name: name || undefined });
export const jobPath = (ns: string, name = '', subresource?: string) => resourcePath({ group: 'batch', version: 'v1', plural: 'jobs', namespace: ns, name: name || undefined, subresource });
export const cronJobPath = (ns: string, name: string, subresource?: string) => resourcePath({ group: 'batch', version: 'v1', plural: 'cronjobs', namespace: ns, name, subresource });

export const keyOf = (o: KObject) => `${o.metadata.namespace}/${o.metadata.name}`;

export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** The controller reference of `kind` on `obj`, as a "namespace/name" key. */
export function controllerKey(obj: KObject, kind: string): string | undefined {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === kind);
  return ref ? `${obj.metadata.namespace}/${ref.name}` : undefined;
}

/** Runs a write, treating "already gone" (404) and optionally "changed meanwhile" (409) as done. */
export async function ignoreGone<T>(write: Promise<T>, alsoConflict = false): Promise<T | undefined> {
  try {
    return await write;
  } catch (e) {
    if (e instanceof StatusError && (e.code === 404 || (alsoConflict && e.code === 409))) return undefined;
    throw e;
  }
}

export function removePodFinalizer(api: ApiClient, ns: string, name: string, finalizer: string) {
  return ignoreGone(api.patch(podPath(ns, name), { metadata: { '$deleteFromPrimitiveList/finalizers': [finalizer] } }, 'application/strategic-merge-patch+json'));
}
