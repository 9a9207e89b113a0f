// The legacy Endpoints decision for one Service (pure): one object named like the Service, holding
// ready and not-ready addresses grouped into subsets by the ports they resolve to. Same pod rules as
// the slices (pod-endpoints.ts), except that terminating pods are left out unless the Service
// publishes not-ready addresses.
import { deepEqual } from '../../../kube/json';
import type { KObject, Pod } from '../controllers/common/types';
import {
  type AddressType,
  addressFor,
  conditionsOf,
  hostnameFor,
  inheritedLabels,
  isExternalName,
  isHeadless,
  ownedByServiceNamed,
  podHasEndpoint,
  podRef,
  type PodRef,
  resolvePort,
  selectorOf,
  selects,
  serviceOwnerRef,
  type Service,
} from './pod-endpoints';

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: PodRef;
}
export interface EndpointsPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}
export interface Subset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointsPort[];
}
export type Endpoints = KObject & { subsets?: Subset[] };

/** More addresses than this are truncated (ready ones kept first) and the object says so. */
export const MAX_ENDPOINTS_ADDRESSES = 1000;
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';

export type EndpointsPlan = { action: 'none' } | { action: 'create' | 'update'; object: Endpoints } | { action: 'delete'; object: Endpoints };

/** Subsets for the pods selected by `svc`: addresses sharing a port list share a subset. */
export function desiredSubsets(svc: Service, pods: Pod[]): Subset[] {
  const publish = svc.spec?.publishNotReadyAddresses === true;
  const family = (svc.spec?.ipFamilies?.[0] ?? 'IPv4') as AddressType;
  const servicePorts = svc.spec?.ports ?? [];
  const byPorts = new Map<string, { ports: EndpointsPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const pod of pods) {
    if (!selects(svc, pod) || !podHasEndpoint(pod, publish)) continue;
    const ip = addressFor(pod, family);
    if (!ip) continue;
    const ports: EndpointsPort[] = [];
    for (const sp of servicePorts) {
      const port = resolvePort(pod, sp);
      if (port === undefined) continue;
      ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    // Without a resolvable port the address is unusable, except for a headless Service without ports
    // (DNS only).
    if (ports.length === 0 && !(servicePorts.length === 0 && isHeadless(svc))) continue;
    const hostname = hostnameFor(svc, pod);
    const address: EndpointAddress = { ip, ...(hostname ? { hostname } : {}), ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}), targetRef: podRef(pod) };
    const key = JSON.stringify(ports);
    let s = byPorts.get(key);
    if (!s) byPorts.set(key, (s = { ports, ready: [], notReady: [] }));
    (conditionsOf(svc, pod).ready ? s.ready : s.notReady).push(address);
  }
  const byIp = (a: EndpointAddress, b: EndpointAddress) => a.ip.localeCompare(b.ip) || (a.targetRef?.name ?? '').localeCompare(b.targetRef?.name ?? '');
  return [...byPorts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, s]) => ({
      ...(s.ready.length ? { addresses: s.ready.sort(byIp) } : {}),
      ...(s.notReady.length ? { notReadyAddresses: s.notReady.sort(byIp) } : {}),
      ...(s.ports.length ? { ports: s.ports } : {}),
    }));
}

/** Caps the total number of addresses, keeping ready ones first; returns whether anything was cut. */
export function truncateSubsets(subsets: Subset[], max = MAX_ENDPOINTS_ADDRESSES): { subsets: Subset[]; truncated: boolean } {
  const total = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
  if (total <= max) return { subsets, truncated: false };
  let budget = max;
  const take = (list: EndpointAddress[] | undefined) => {
    const kept = (list ?? []).slice(0, budget);
    budget -= kept.length;
    return kept;
  };
  const ready = subsets.map((s) => take(s.addresses));
  const notReady = subsets.map((s) => take(s.notReadyAddresses));
  const out = subsets
    .map((s, i) => ({ ...(ready[i].length ? { addresses: ready[i] } : {}), ...(notReady[i].length ? { notReadyAddresses: notReady[i] } : {}), ...(s.ports ? { ports: s.ports } : {}) }))
    .filter((s) => s.addresses || s.notReadyAddresses);
  return { subsets: out, truncated: true };
}

/**
 * Plans the Endpoints named like the Service. Services without a selector keep user-managed
 * Endpoints; ours (controlled by a Service of that name) go when the Service goes or turns ExternalName.
 */
export function planEndpoints(svc: Service | undefined, pods: Pod[], existing: Endpoints | undefined, serviceName: string): EndpointsPlan {
  if (!svc || isExternalName(svc)) {
    return existing && ownedByServiceNamed(existing, serviceName) ? { action: 'delete', object: existing } : { action: 'none' };
  }
  if (!selectorOf(svc)) return { action: 'none' };
  const { subsets, truncated } = truncateSubsets(desiredSubsets(svc, pods));
  const labels = inheritedLabels(svc, []);
  const annotations = { ...(existing?.metadata.annotations ?? {}) };
  delete annotations[OVER_CAPACITY_ANNOTATION];
  if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
  const owner = serviceOwnerRef(svc);
  const meta = {
    labels,
    ...(Object.keys(annotations).length ? { annotations } : {}),
    ownerReferences: [owner],
  };
  const body = (base: KObject['metadata']): Endpoints => ({
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { ...base, ...meta },
    ...(subsets.length ? { subsets } : {}),
  });
  if (!existing) return { action: 'create', object: body({ name: serviceName, namespace: svc.metadata.namespace }) };
  const same =
    deepEqual(existing.subsets ?? [], subsets) &&
    deepEqual(existing.metadata.labels ?? {}, labels) &&
    deepEqual(existing.metadata.annotations ?? {}, annotations) &&
    deepEqual(existing.metadata.ownerReferences ?? [], [owner]);
  if (same) return { action: 'none' };
  const base = { ...existing.metadata };
  if (!Object.keys(annotations).length) delete base.annotations;
  return { action: 'update', object: body(base) };
}
