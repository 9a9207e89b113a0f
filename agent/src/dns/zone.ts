// The cluster zone as an in-memory index, rebuilt from Services and EndpointSlices, following the
// Kubernetes DNS-Based Service Discovery spec as CoreDNS' kubernetes plugin serves it:
//   <svc>.<ns>.svc.<zone>              A/AAAA: the ClusterIPs, or for a headless Service its ready
//                                      endpoints; CNAME for ExternalName
//   <host>.<svc>.<ns>.svc.<zone>       A/AAAA of a headless Service's endpoint (hostname, or the
//                                      address with dashes, which is also the SRV target)
//   _<port>._<proto>.<svc>.<ns>.svc... SRV per named port; the bare Service name has SRV for all ports
//   <d.c.b.a>.in-addr.arpa             PTR of ClusterIPs and of named headless endpoints
// Names are stored lower-case: lookups are case-insensitive.
import { SERVICE_NAME_LABEL } from '../../../workers/kube/resources/discovery/endpoint-slice';
import type { Endpoint, EndpointSlice, Service } from '../proxy/types';
import type { Srv } from './wire';

export interface NameData {
  a: string[];
  aaaa: string[];
  /** Weights are set when answering (they depend on how many records share the name). */
  srv: Srv[];
  cname?: string;
}

export class ClusterZone {
  /** Lower-case names without the trailing dot. */
  private readonly names = new Map<string, NameData>();
  /** Names that exist only because longer names sit under them (empty non-terminals). */
  private readonly parents = new Set<string>();
  private readonly ptr = new Map<string, string[]>();

  constructor(readonly domain: string) {}

  static build(domain: string, services: Service[], slices: EndpointSlice[]): ClusterZone {
    const zone = new ClusterZone(domain.toLowerCase().replace(/\.$/, ''));
    const bySvc = new Map<string, EndpointSlice[]>();
    for (const s of slices) {
      const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
      if (!svc || (s.addressType !== 'IPv4' && s.addressType !== 'IPv6')) continue;
      const key = `${s.metadata.namespace}/${svc}`;
      bySvc.set(key, [...(bySvc.get(key) ?? []), s]);
    }
    for (const svc of sortByName(services)) zone.addService(svc, bySvc.get(`${svc.metadata.namespace}/${svc.metadata.name}`) ?? []);
    return zone;
  }

  get(name: string): NameData | undefined {
    return this.names.get(name);
  }

  /** True for any name at or under which something is published (else the answer is NXDOMAIN). */
  exists(name: string): boolean {
    return this.names.has(name) || this.parents.has(name);
  }

  reverse(name: string): string[] | undefined {
    return this.ptr.get(name);
  }

  private addService(svc: Service, slices: EndpointSlice[]): void {
    const spec = svc.spec ?? {};
    const base = `${svc.metadata.name}.${svc.metadata.namespace}.svc.${this.domain}`.toLowerCase();
    if (spec.type === 'ExternalName') {
      if (spec.externalName) this.data(base).cname = spec.externalName.replace(/\.$/, '');
      return;
    }
    const ports = spec.ports ?? [];
    if (spec.clusterIP && spec.clusterIP !== 'None') {
      const data = this.data(base);
      for (const ip of spec.clusterIPs?.length ? spec.clusterIPs : [spec.clusterIP]) {
        (ip.includes(':') ? data.aaaa : data.a).push(ip);
        this.addPtr(ip, base);
      }
      for (const p of ports) {
        const srv = { priority: 0, weight: 0, port: p.port, target: base };
        data.srv.push(srv);
        if (p.name) this.data(`_${p.name}._${(p.protocol ?? 'TCP').toLowerCase()}.${base}`.toLowerCase()).srv.push(srv);
      }
      return;
    }
    this.addHeadless(base, spec.publishNotReadyAddresses === true, slices);
  }

  /** A headless Service answers with its endpoints; each gets a name of its own (SRV targets). */
  private addHeadless(base: string, publishNotReady: boolean, slices: EndpointSlice[]): void {
    const data = this.data(base);
    const seen = new Set<string>();
    for (const slice of sortByName(slices)) {
      for (const ep of slice.endpoints ?? []) {
        const ip = ep.addresses?.[0];
        if (!ip || (!publishNotReady && !isReady(ep))) continue;
        const family = ip.includes(':') ? 'aaaa' : 'a';
        const host = (ep.hostname ?? dashed(ip)).toLowerCase();
        const target = `${host}.${base}`;
        if (!seen.has(ip)) {
          seen.add(ip);
          data[family].push(ip);
          this.data(target)[family].push(ip);
          if (ep.hostname) this.addPtr(ip, target);
        }
        for (const p of slice.ports ?? []) {
          if (!p.port) continue;
          const srv = { priority: 0, weight: 0, port: p.port, target };
          data.srv.push(srv);
          if (p.name) this.data(`_${p.name}._${(p.protocol ?? 'TCP').toLowerCase()}.${base}`.toLowerCase()).srv.push(srv);
        }
      }
    }
  }

  private data(name: string): NameData {
    let d = this.names.get(name);
    if (!d) {
      d = { a: [], aaaa: [], srv: [] };
      this.names.set(name, d);
      const labels = name.split('.');
      for (let i = 1; i < labels.length; i++) this.parents.add(labels.slice(i).join('.'));
    }
    return d;
  }

  private addPtr(ip: string, target: string): void {
    if (ip.includes(':')) return; // TODO: ip6.arpa names
    const name = `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
    const list = this.ptr.get(name) ?? [];
    if (!list.includes(target)) list.push(target);
    this.ptr.set(name, list);
  }
}

/** Unset ready means ready (the API's rule). */
const isReady = (ep: Endpoint) => ep.conditions?.ready !== false;

/** 10.244.1.5 → 10-244-1-5; fd00::1 → fd00--1 (CoreDNS' endpoint names). */
export const dashed = (ip: string) => ip.replace(/[.:]/g, '-');

function sortByName<T extends { metadata: { namespace?: string; name?: string } }>(xs: T[]): T[] {
  const key = (x: T) => `${x.metadata.namespace}/${x.metadata.name}`;
  return [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
