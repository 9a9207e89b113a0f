// What one object counts against a quota (upstream's quota evaluators: pods, services, PVCs, the legacy
// object counts and `count/<resource>.<group>` for every kind), and which API resource a quota resource
// name is computed from.
import { addQuantity, maxInto, sumLists, type ResourceList } from '../limitrange/resources';
import type { Quantity } from '../../quantity';
import { toAmount } from './amounts';

/** The API resource of an object: group "" for core. */
export interface Kind {
  group: string;
  plural: string;
}

/** Quota resource name → amount (see amounts.ts). */
export type Usage = Record<string, number>;

interface Container {
  name: string;
  resources?: { requests?: ResourceList; limits?: ResourceList };
}
export interface PodLike {
  metadata?: { name?: string; deletionTimestamp?: string; deletionGracePeriodSeconds?: number };
  spec?: {
    containers?: Container[];
    initContainers?: Container[];
    overhead?: ResourceList;
    activeDeadlineSeconds?: number;
    priorityClassName?: string;
  };
  status?: { phase?: string };
}

const LEGACY_COUNTS = new Set(['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims']);
const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const POD_NAMED = new Set(['cpu', 'memory', 'ephemeral-storage']);

export const countName = (k: Kind) => (k.group ? `count/${k.plural}.${k.group}` : `count/${k.plural}`);
export const resourceKey = (k: Kind) => (k.group ? `${k.group}/${k.plural}` : k.plural);

/** The API resource ("pods", "apps/deployments") a quota resource name counts. */
export function trackedResource(name: string): string {
  if (name.startsWith('count/')) {
    const rest = name.slice('count/'.length);
    const dot = rest.indexOf('.');
    return dot < 0 ? rest : `${rest.slice(dot + 1)}/${rest.slice(0, dot)}`;
  }
  if (LEGACY_COUNTS.has(name)) return name;
  if (name.startsWith('services.')) return 'services';
  if (name === 'requests.storage' || name.includes(STORAGE_CLASS_SUFFIX)) return 'persistentvolumeclaims';
  return 'pods';
}

/** A pod in phase Succeeded or Failed no longer uses anything, as upstream's QuotaV1Pod. */
export const isTerminalPod = (pod: PodLike) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** Container-level or pod-level compute usage names from requests and limits (podComputeUsageHelper). */
export function computeUsage(requests: Record<string, Quantity>, limits: Record<string, Quantity>): Usage {
  const out: Usage = {};
  for (const [r, v] of Object.entries(requests)) {
    if (POD_NAMED.has(r) || r.startsWith('hugepages-')) out[r] = toAmount(r, v);
    out[`requests.${r}`] = toAmount(`requests.${r}`, v);
  }
  for (const [r, v] of Object.entries(limits)) if (POD_NAMED.has(r)) out[`limits.${r}`] = toAmount(`limits.${r}`, v);
  return out;
}

/** max(sum of containers, each init container) plus overhead, for requests or limits. */
export function podTotals(pod: PodLike, which: 'requests' | 'limits'): Record<string, Quantity> {
  const spec = pod.spec ?? {};
  const total = sumLists((spec.containers ?? []).map((c) => c.resources?.[which]));
  for (const c of spec.initContainers ?? []) maxInto(total, c.resources?.[which]);
  for (const [k, v] of Object.entries(sumLists([spec.overhead]))) total[k] = total[k] ? addQuantity(total[k], v) : v;
  return total;
}

function serviceUsage(svc: { spec?: { type?: string; ports?: { nodePort?: number }[]; allocateLoadBalancerNodePorts?: boolean } }): Usage {
  const spec = svc.spec ?? {};
  const ports = spec.ports?.length ?? 0;
  const out: Usage = { services: 1 };
  if (spec.type === 'NodePort') out['services.nodeports'] = ports;
  if (spec.type === 'LoadBalancer') {
    out['services.nodeports'] = spec.allocateLoadBalancerNodePorts === false ? (spec.ports ?? []).filter((p) => p.nodePort).length : ports;
    out['services.loadbalancers'] = 1;
  }
  return out;
}

function claimUsage(pvc: { spec?: { storageClassName?: string; resources?: { requests?: ResourceList } } }): Usage {
  const out: Usage = { persistentvolumeclaims: 1 };
  const storage = pvc.spec?.resources?.requests?.storage;
  const cls = pvc.spec?.storageClassName;
  if (cls) out[`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`] = 1;
  if (storage !== undefined) {
    out['requests.storage'] = toAmount('requests.storage', storage);
    if (cls) out[`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`] = toAmount('requests.storage', storage);
  }
  return out;
}

/** Everything an object counts for: its `count/...`, legacy count and kind-specific usage. */
export function usageOf(kind: Kind, obj: Record<string, unknown>): Usage {
  const out: Usage = { [countName(kind)]: 1 };
  if (kind.group !== '') return out;
  if (kind.plural === 'pods') {
    const pod = obj as PodLike;
    if (isTerminalPod(pod)) return {};
    return { ...out, pods: 1, ...computeUsage(podTotals(pod, 'requests'), podTotals(pod, 'limits')) };
  }
  if (kind.plural === 'services') return { ...out, ...serviceUsage(obj) };
  if (kind.plural === 'persistentvolumeclaims') return { ...out, ...claimUsage(obj) };
  if (LEGACY_COUNTS.has(kind.plural)) out[kind.plural] = 1;
  return out;
}
