// What one pod contributes to a Service's endpoints: shared by the EndpointSlice and Endpoints
// decisions so the two views of a Service never disagree about addresses, readiness or ports.
import type { ServiceSpec } from '../../../kube/resources/core/service/schema';
import type { KObject, OwnerReference, Pod } from '../controllers/common/types';
import { isPodReady } from '../controllers/common/pods';

export type Service = KObject & { spec?: ServiceSpec };
export type ServicePort = NonNullable<ServiceSpec['ports']>[number];
export type AddressType = 'IPv4' | 'IPv6';

export interface PodRef {
  kind: 'Pod';
  namespace: string;
  name: string;
  uid: string;
}

/**
 * The selector the controllers act on, or undefined when the Service has none. An empty map counts as
 * none: Go clients drop empty maps, so upstream never sees one as "select everything".
 */
export function selectorOf(svc: Service): Record<string, string> | undefined {
  const sel = svc.spec?.selector;
  return sel && Object.keys(sel).length > 0 ? sel : undefined;
}

export function selects(svc: Service, pod: KObject): boolean {
  const sel = selectorOf(svc);
  if (!sel || (pod.metadata.namespace ?? '') !== (svc.metadata.namespace ?? '')) return false;
  const labels = pod.metadata.labels ?? {};
  return Object.entries(sel).every(([k, v]) => labels[k] === v);
}

export const isExternalName = (svc: Service) => svc.spec?.type === 'ExternalName';
export const isHeadless = (svc: Service) => svc.spec?.clusterIP === 'None';

export function podIPs(pod: Pod): string[] {
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip): ip is string => !!ip);
  if (ips.length) return ips;
  return pod.status?.podIP ? [pod.status.podIP] : [];
}

export const familyOf = (ip: string): AddressType => (ip.includes(':') ? 'IPv6' : 'IPv4');

export function addressFor(pod: Pod, family: AddressType): string | undefined {
  return podIPs(pod).find((ip) => familyOf(ip) === family);
}

/**
 * Whether the pod has an endpoint at all: it needs an address and must not have finished. Slices
 * keep terminating pods (with terminating=true); legacy Endpoints drop them unless the Service
 * publishes not-ready addresses.
 */
export function podHasEndpoint(pod: Pod, includeTerminating: boolean): boolean {
  if (podIPs(pod).length === 0) return false;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

export interface Conditions {
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

/** Serving follows the Ready condition alone; ready additionally turns false while terminating. */
export function conditionsOf(svc: Service, pod: Pod): Conditions {
  const publish = svc.spec?.publishNotReadyAddresses === true;
  const serving = publish || isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  return { ready: publish || (serving && !terminating), serving, terminating };
}

/**
 * The pod port a Service port sends traffic to: a number as is, a name through the pod's container
 * ports (same protocol). Undefined when the name is not declared, and that port is left out.
 */
export function resolvePort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const protocol = sp.protocol ?? 'TCP';
  // Sidecars (init containers that keep running) serve traffic too.
  const sidecars = (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...(pod.spec.containers ?? []), ...sidecars]) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** A pod is addressable by hostname only under the headless Service named as its subdomain. */
export function hostnameFor(svc: Service, pod: Pod): string | undefined {
  const h = pod.spec.hostname;
  return h && pod.spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace ? h : undefined;
}

export function podRef(pod: Pod): PodRef {
  return { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' };
}

export function serviceOwnerRef(svc: Service): OwnerReference {
  return { apiVersion: 'v1', kind: 'Service', name: svc.metadata.name ?? '', uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** True when `obj` is controlled by a Service of that name (any incarnation). */
export function ownedByServiceNamed(obj: KObject, name: string): boolean {
  return (obj.metadata.ownerReferences ?? []).some((r) => r.controller && r.kind === 'Service' && r.name === name);
}

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

/** The Service's labels carried onto what it owns, plus the headless marker proxies look for. */
export function inheritedLabels(svc: Service, reserved: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (!reserved.includes(k) && k !== HEADLESS_LABEL) out[k] = v;
  if (isHeadless(svc)) out[HEADLESS_LABEL] = '';
  return out;
}

/** Keys of the Services selecting any of `pods` (a pod change affects its old and new selectors). */
export function serviceKeysFor(services: Service[], pods: (KObject | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const p of pods) {
    if (!p) continue;
    for (const s of services) if (selects(s, p)) keys.add(`${s.metadata.namespace}/${s.metadata.name}`);
  }
  return [...keys];
}
