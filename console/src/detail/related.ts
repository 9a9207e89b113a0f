// What the detail page derives from one object: its owners (linked), the kind of objects it owns,
// its conditions, and the YAML shown (managedFields left out as kubectl does; Secret values hidden).
import { stringify } from 'yaml';
import { kindOf, type KindInfo, kindByKey } from '../resources/kinds';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyObj = any;

export interface Link {
  kind: string;
  /** The console's kind key when it lists that kind (then the link goes to its page). */
  key?: string;
  namespace?: string;
  name: string;
}

export function ownerLinks(obj: AnyObj): Link[] {
  return (obj?.metadata?.ownerReferences ?? []).map((r: { apiVersion: string; kind: string; name: string }) => {
    const info = kindOf(r.apiVersion, r.kind);
    return { kind: r.kind, key: info?.key, namespace: info?.namespaced ? obj.metadata.namespace : undefined, name: r.name };
  });
}

/** The kind whose objects a kind owns (a Deployment its ReplicaSets, a ReplicaSet its Pods, ...). */
const OWNS: Record<string, string> = {
  Deployment: 'replicasets.apps',
  ReplicaSet: 'pods',
  StatefulSet: 'pods',
  DaemonSet: 'pods',
  Job: 'pods',
  CronJob: 'jobs.batch',
};

export function ownedKind(kind: string): KindInfo | undefined {
  const key = OWNS[kind];
  return key ? kindByKey(key) : undefined;
}

export function ownedBy(items: Iterable<AnyObj>, uid: string | undefined): AnyObj[] {
  if (!uid) return [];
  return [...items].filter((o) => (o.metadata?.ownerReferences ?? []).some((r: { uid: string }) => r.uid === uid)).sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
}

export interface ConditionRow {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime: string;
}

export function conditionsOf(obj: AnyObj): ConditionRow[] {
  return (obj?.status?.conditions ?? []).map((c: AnyObj) => ({
    type: String(c.type ?? ''),
    status: String(c.status ?? ''),
    reason: String(c.reason ?? ''),
    message: String(c.message ?? ''),
    lastTransitionTime: String(c.lastTransitionTime ?? c.lastUpdateTime ?? c.lastHeartbeatTime ?? ''),
  }));
}

export const HIDDEN = '(hidden)';

/** The object for display: no managedFields; a Secret's values (data, stringData) replaced. */
export function displayObject(obj: AnyObj): AnyObj {
  const { managedFields: _m, ...metadata } = obj?.metadata ?? {};
  const out = { ...obj, metadata };
  if (obj?.kind === 'Secret') {
    for (const f of ['data', 'stringData']) if (obj[f]) out[f] = Object.fromEntries(Object.keys(obj[f]).map((k) => [k, HIDDEN]));
    const last = metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
    if (last) out.metadata = { ...metadata, annotations: { ...metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': HIDDEN } };
  }
  return out;
}

export function toYaml(obj: AnyObj): string {
  return stringify(displayObject(obj), { lineWidth: 0 });
}

/** A Secret's keys with their decoded sizes (values are never shown). */
export function secretKeys(obj: AnyObj): { key: string; bytes: number }[] {
  return Object.entries((obj?.data ?? {}) as Record<string, string>).map(([key, v]) => ({ key, bytes: Math.floor((v.length * 3) / 4) - (v.endsWith('==') ? 2 : v.endsWith('=') ? 1 : 0) }));
}
