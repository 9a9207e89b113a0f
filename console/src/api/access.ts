// What the signed-in user may do, asked with SelfSubjectAccessReview: an action is shown only when the
// server says it is allowed (and the server still decides when it is done).
import type { KindInfo } from '../resources/kinds';
import type { Api } from './client';

export interface Access {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export function accessReview(a: Access) {
  const resourceAttributes: Record<string, string> = { verb: a.verb, group: a.group, resource: a.resource };
  if (a.subresource) resourceAttributes.subresource = a.subresource;
  if (a.namespace) resourceAttributes.namespace = a.namespace;
  if (a.name) resourceAttributes.name = a.name;
  return { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } };
}

export async function allowed(api: Api, a: Access): Promise<boolean> {
  const r = await api.post<{ status?: { allowed?: boolean } }>('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', accessReview(a));
  return r.status?.allowed === true;
}

/** Kinds with a scale subresource the console offers to scale. */
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

export function scalable(info: KindInfo): boolean {
  return SCALABLE.has(info.kind);
}

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

export function deleteOptions(propagationPolicy: Propagation) {
  return { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy };
}

/** A replica count typed by the user: a whole number from 0, else an error message. */
export function parseReplicas(text: string): { ok: true; value: number } | { ok: false; error: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { ok: false, error: 'Replicas must be a whole number, 0 or more.' };
  const value = Number(t);
  if (value > 2147483647) return { ok: false, error: 'Replicas must fit in 32 bits.' };
  return { ok: true, value };
}
