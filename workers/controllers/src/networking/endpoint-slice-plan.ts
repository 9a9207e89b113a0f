// The EndpointSlice decision for one Service (pure): which slices to create, update in place or
// delete so that every endpoint the selector picks appears in exactly one slice whose ports match.
// Endpoints are grouped by address family and resolved port list (pods resolving a named port
// differently land in different slices); each slice holds at most MAX_ENDPOINTS_PER_SLICE.
import { deepEqual } from '../../../kube/json';
import type { Endpoint, EndpointPort } from '../../../kube/resources/discovery/endpoint-slice-schema';
import { SERVICE_NAME_LABEL } from '../../../kube/resources/discovery/endpoint-slice';
import type { KObject, Pod } from '../controllers/common/types';
import {
  type AddressType,
  addressFor,
  conditionsOf,
  hostnameFor,
  inheritedLabels,
  isExternalName,
  podHasEndpoint,
  podRef,
  resolvePort,
  selectorOf,
  selects,
  serviceOwnerRef,
  type Service,
} from './pod-endpoints';

export type EndpointSlice = KObject & { addressType: string; endpoints?: Endpoint[]; ports?: EndpointPort[] };

export { SERVICE_NAME_LABEL };
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SlicePlan {
  /** New slices (generateName set, no name). */
  create: EndpointSlice[];
  /** Existing slices with new contents (name and resourceVersion kept). */
  update: EndpointSlice[];
  delete: EndpointSlice[];
}

interface Group {
  addressType: AddressType;
  ports: EndpointPort[];
  endpoints: Map<string, Endpoint>;
}

export const isManagedSlice = (s: KObject) => s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY;

const groupKey = (addressType: string, ports: EndpointPort[] | undefined) =>
  `${addressType}|${JSON.stringify((ports ?? []).map((p) => [p.name ?? '', p.protocol ?? 'TCP', p.port ?? 0, p.appProtocol ?? '']).sort())}`;

/** An endpoint is identified by its address (unique within a family). */
const endpointKey = (e: Endpoint) => e.addresses?.[0] ?? '';

/** The endpoints the Service should have, grouped by family and resolved ports. */
export function desiredGroups(svc: Service, pods: Pod[], zoneOf: (node: string) => string | undefined): Map<string, Group> {
  const groups = new Map<string, Group>();
  const families = (svc.spec?.ipFamilies ?? ['IPv4']) as AddressType[];
  const sorted = [...pods].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  for (const pod of sorted) {
    if (!selects(svc, pod) || !podHasEndpoint(pod, true)) continue;
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = resolvePort(pod, sp);
      if (port === undefined) continue;
      ports.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    for (const family of families) {
      const address = addressFor(pod, family);
      if (!address) continue;
      const key = groupKey(family, ports);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { addressType: family, ports, endpoints: new Map() }));
      const nodeName = pod.spec.nodeName;
      const zone = nodeName ? zoneOf(nodeName) : undefined;
      const hostname = hostnameFor(svc, pod);
      g.endpoints.set(address, {
        addresses: [address],
        conditions: conditionsOf(svc, pod),
        ...(hostname ? { hostname } : {}),
        targetRef: podRef(pod),
        ...(nodeName ? { nodeName } : {}),
        ...(zone ? { zone } : {}),
      });
    }
  }
  return groups;
}

export function sliceLabels(svc: Service): Record<string, string> {
  return { ...inheritedLabels(svc, [SERVICE_NAME_LABEL, MANAGED_BY_LABEL]), [SERVICE_NAME_LABEL]: svc.metadata.name ?? '', [MANAGED_BY_LABEL]: MANAGED_BY };
}

/**
 * Plans the slices of `svc` given the managed slices that exist for it. A Service that is gone (pass
 * undefined) or has become ExternalName loses all of them; one without a selector is not ours to manage.
 */
export function planSlices(svc: Service | undefined, pods: Pod[], existing: EndpointSlice[], zoneOf: (node: string) => string | undefined = () => undefined, max = MAX_ENDPOINTS_PER_SLICE): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  if (!svc || isExternalName(svc)) {
    plan.delete.push(...existing);
    return plan;
  }
  if (!selectorOf(svc)) return plan;
  const labels = sliceLabels(svc);
  const owner = serviceOwnerRef(svc);
  const groups = desiredGroups(svc, pods, zoneOf);
  const byGroup = new Map<string, EndpointSlice[]>();
  const spare: EndpointSlice[] = [];
  for (const s of [...existing].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))) {
    const key = groupKey(s.addressType, s.ports);
    if (groups.has(key)) byGroup.set(key, [...(byGroup.get(key) ?? []), s]);
    else spare.push(s);
  }
  const shape = (base: EndpointSlice | undefined, g: { addressType: string; ports: EndpointPort[] | undefined }, endpoints: Endpoint[]): EndpointSlice => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: base
      ? { ...base.metadata, labels: { ...labels }, ownerReferences: [owner] }
      : { generateName: `${svc.metadata.name}-`, namespace: svc.metadata.namespace, labels: { ...labels }, ownerReferences: [owner] },
    addressType: g.addressType,
    endpoints,
    ...(g.ports ? { ports: g.ports } : {}),
  });
  const changed = (s: EndpointSlice, next: EndpointSlice) =>
    !deepEqual(s.endpoints ?? [], next.endpoints ?? []) || !deepEqual(s.ports ?? [], next.ports ?? []) || !deepEqual(s.metadata.labels ?? {}, labels) || !ownsExactly(s, owner);
  /** Slices with new contents are written once at the end; `out` keeps them by name. */
  const out = new Map<string, EndpointSlice>();
  // Reusing a slice of the same family that would otherwise be deleted saves a create and a delete.
  const reuseOrCreate = (g: { addressType: string; ports: EndpointPort[] | undefined }, endpoints: Endpoint[]) => {
    const i = spare.findIndex((s) => s.addressType === g.addressType);
    if (i < 0) return void plan.create.push(shape(undefined, g, endpoints));
    const [s] = spare.splice(i, 1);
    const next = shape(s, g, endpoints);
    if (changed(s, next)) out.set(s.metadata.name!, next);
    else out.set(s.metadata.name!, s);
  };

  // First keep each wanted endpoint where it already is (refreshed), dropping the rest and
  // duplicates, so every emptied slice is known before any slice is created.
  const passes: { g: Group; kept: { slice: EndpointSlice; endpoints: Endpoint[]; dirty: boolean }[]; rest: Endpoint[] }[] = [];
  for (const [key, g] of groups) {
    const placed = new Set<string>();
    const kept: (typeof passes)[number]['kept'] = [];
    for (const s of byGroup.get(key) ?? []) {
      const eps: Endpoint[] = [];
      for (const e of s.endpoints ?? []) {
        const k = endpointKey(e);
        const want = g.endpoints.get(k);
        if (!want || placed.has(k) || eps.length >= max) continue;
        placed.add(k);
        eps.push(want);
      }
      if (eps.length === 0) spare.push(s);
      else kept.push({ slice: s, endpoints: eps, dirty: changed(s, shape(s, g, eps)) });
    }
    passes.push({ g, kept, rest: [...g.endpoints.values()].filter((e) => !placed.has(endpointKey(e))) });
  }
  for (const { g, kept, rest } of passes) {
    // Fill slices that change anyway first, so fewer slices are written.
    kept.sort((a, b) => Number(b.dirty) - Number(a.dirty));
    for (const k of kept) while (rest.length && k.endpoints.length < max) k.endpoints.push(rest.shift()!);
    for (const k of kept) {
      const next = shape(k.slice, g, k.endpoints);
      out.set(k.slice.metadata.name!, changed(k.slice, next) ? next : k.slice);
    }
    for (let i = 0; i < rest.length; i += max) reuseOrCreate(g, rest.slice(i, i + max));
  }
  // A Service with no endpoints still gets one empty slice, so consumers can tell "none" from "not synced".
  if (groups.size === 0) {
    const family = (svc.spec?.ipFamilies?.[0] ?? 'IPv4') as AddressType;
    const placeholder = spare.findIndex((s) => s.addressType === family && !(s.endpoints ?? []).length && !(s.ports ?? []).length);
    if (placeholder >= 0) spare.unshift(...spare.splice(placeholder, 1));
    reuseOrCreate({ addressType: family, ports: undefined }, []);
  }
  const byName = new Map(existing.map((s) => [s.metadata.name!, s]));
  for (const [name, s] of out) if (s !== byName.get(name)) plan.update.push(s);
  plan.delete.push(...spare);
  return plan;
}

function ownsExactly(s: KObject, owner: { uid: string }): boolean {
  const refs = s.metadata.ownerReferences ?? [];
  return refs.length === 1 && refs[0].uid === owner.uid && refs[0].controller === true && refs[0].kind === 'Service';
}
