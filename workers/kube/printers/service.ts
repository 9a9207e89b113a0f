// Services, Endpoints and EndpointSlices.
import { AGE, NAME, col } from './columns';
import { since } from './duration';
import { formatLabels, loadBalancerText } from './format';
import type { Printer } from './types';
import type { KObject } from '../registry/types';

interface ServicePort {
  port: number;
  nodePort?: number;
  protocol?: string;
}

export interface Service extends KObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    ports?: ServicePort[];
    selector?: Record<string, string>;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** EXTERNAL-IP: explicit externalIPs, load-balancer ingress ("<pending>" until assigned), or the external name. */
export function serviceExternalIP(svc: Service): string {
  const spec = svc.spec ?? {};
  const ext = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerText(svc.status?.loadBalancer?.ingress);
      if (ext.length) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

/** "80/TCP,443:30443/TCP"; "<none>" without ports. */
export function servicePorts(ports: ServicePort[] | undefined): string {
  const text = (ports ?? [])
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',');
  return text || '<none>';
}

export const servicePrinter: Printer<Service> = {
  columns: [
    NAME,
    col('Type', 'How the service is exposed.'),
    col('Cluster-IP', 'Virtual IP inside the cluster.'),
    col('External-IP', 'Addresses reachable from outside the cluster.'),
    col('Port(s)', 'Service ports, with node ports.'),
    AGE,
    col('Selector', 'Pods the service routes to.', { wide: true }),
  ],
  cells(svc, now) {
    const spec = svc.spec ?? {};
    const clusterIP = spec.clusterIPs?.[0] ?? spec.clusterIP ?? '<none>';
    return [
      svc.metadata.name ?? '',
      spec.type ?? '',
      clusterIP || '<none>',
      serviceExternalIP(svc),
      servicePorts(spec.ports),
      since(svc.metadata.creationTimestamp, now),
      formatLabels(spec.selector),
    ];
  },
};

interface Subset {
  addresses?: { ip: string }[];
  ports?: { port: number }[];
}

const MAX_SHOWN = 3;
const more = (list: string[], count: number) => (count > MAX_SHOWN ? `${list.join(',')} + ${count - MAX_SHOWN} more...` : list.join(','));

/** "10.0.0.1:80,10.0.0.2:80 + 4 more..."; address × port pairs, at most three shown. */
export function endpointsText(subsets: Subset[] | undefined): string {
  if (!subsets || subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  const add = (s: string) => {
    count++;
    if (list.length < MAX_SHOWN) list.push(s);
  };
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    // Headless services may have no ports: list bare addresses.
    if (!ss.ports || ss.ports.length === 0) addrs.forEach((a) => add(a.ip));
    else for (const p of ss.ports) addrs.forEach((a) => add(a.ip.includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`));
  }
  return more(list, count);
}

export const endpointsPrinter: Printer<KObject & { subsets?: Subset[] }> = {
  columns: [NAME, col('Endpoints', 'Ready addresses with ports.'), AGE],
  cells: (o, now) => [o.metadata.name ?? '', endpointsText(o.subsets), since(o.metadata.creationTimestamp, now)],
};

interface EndpointSlice extends KObject {
  addressType?: string;
  ports?: { port?: number; name?: string }[] | null;
  endpoints?: { addresses?: string[] }[] | null;
}

const orUnset = (s: string) => s || '<unset>';

export const endpointSlicePrinter: Printer<EndpointSlice> = {
  columns: [
    NAME,
    col('AddressType', 'Address family of the endpoints.'),
    col('Ports', 'Port numbers (or names).'),
    col('Endpoints', 'Endpoint addresses.'),
    AGE,
  ],
  cells(o, now) {
    // A port with no number means "all ports"; upstream shows "*" (or its name).
    const ports = (o.ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*')));
    const addrs = (o.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return [
      o.metadata.name ?? '',
      o.addressType ?? '',
      orUnset(more(ports.slice(0, MAX_SHOWN), ports.length)),
      orUnset(more(addrs.slice(0, MAX_SHOWN), addrs.length)),
      since(o.metadata.creationTimestamp, now),
    ];
  },
};
