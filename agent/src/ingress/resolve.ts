// A Service backend → the ready endpoints behind the chosen Service port, from EndpointSlices.
import type { IngressBackend } from '../../../workers/kube/resources/networking/ingress-schema';
import type { EndpointSlice, Service, Target } from './types';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface Cluster {
  services: Map<string, Service>;
  /** Slices by "namespace/service". */
  slices: Map<string, EndpointSlice[]>;
}

export function indexCluster(services: Service[], slices: EndpointSlice[]): Cluster {
  const c: Cluster = { services: new Map(), slices: new Map() };
  for (const s of services) c.services.set(`${s.metadata.namespace}/${s.metadata.name}`, s);
  for (const sl of slices) {
    const svc = sl.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!svc || sl.addressType !== 'IPv4') continue;
    const k = `${sl.metadata.namespace}/${svc}`;
    c.slices.set(k, [...(c.slices.get(k) ?? []), sl]);
  }
  return c;
}

/** undefined for a backend that is not a Service (resource backends are not served). */
export function resolveBackend(c: Cluster, namespace: string, backend: IngressBackend | undefined): Target | undefined {
  const ref = backend?.service;
  if (!ref) return undefined;
  const portText = ref.port?.name ?? String(ref.port?.number ?? '');
  const key = `${namespace}/${ref.name}:${portText}`;
  const svc = c.services.get(`${namespace}/${ref.name}`);
  if (!svc) return { key, endpoints: [], problem: `service "${namespace}/${ref.name}" not found` };
  if (svc.spec?.type === 'ExternalName') return { key, endpoints: [], problem: `service "${namespace}/${ref.name}" is ExternalName (not supported)` };
  const port = (svc.spec?.ports ?? []).find((p) => (ref.port?.name !== undefined ? p.name === ref.port.name : p.port === ref.port?.number) && (p.protocol ?? 'TCP') === 'TCP');
  if (!port) return { key, endpoints: [], problem: `service "${namespace}/${ref.name}" has no TCP port ${portText}` };
  const endpoints = new Set<string>();
  for (const sl of c.slices.get(`${namespace}/${ref.name}`) ?? []) {
    // Slices name their ports after the Service port ("" when it has no name).
    const sp = (sl.ports ?? []).find((p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === 'TCP');
    if (!sp?.port) continue;
    for (const e of sl.endpoints ?? []) {
      if (e.conditions?.ready === false) continue;
      for (const a of e.addresses ?? []) endpoints.add(`${a}:${sp.port}`);
    }
  }
  const list = [...endpoints].sort();
  return list.length ? { key, endpoints: list } : { key, endpoints: [], problem: `service "${namespace}/${ref.name}" has no ready endpoints` };
}
