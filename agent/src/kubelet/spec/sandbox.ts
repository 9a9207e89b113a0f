// The pod's sandbox: network mode, hostPort mappings, DNS and /etc/hosts, as upstream's
// generatePodSandboxConfig and its DNS configurer decide them.
import type { PortMapping, SandboxSpec } from '../../runtime/types';
import type { Pod } from '../types';
import { podLabels } from './labels';

export interface DnsSettings {
  clusterDNS?: string[];
  clusterDomain: string;
}

type Dns = NonNullable<SandboxSpec['dns']>;

/** resolv.conf for the pod per dnsPolicy; undefined = the runtime's default (the host's). */
export function podDns(pod: Pod, s: DnsSettings): Dns | undefined {
  let policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
  // ClusterFirst on the host network means Default, unless asked for explicitly.
  if (policy === 'ClusterFirst' && pod.spec.hostNetwork) policy = 'Default';
  if (policy === 'ClusterFirstWithHostNet') policy = 'ClusterFirst';
  let dns: Dns | undefined;
  if (policy === 'ClusterFirst' && s.clusterDNS?.length) {
    const ns = pod.metadata.namespace ?? 'default';
    const d = s.clusterDomain;
    dns = { servers: [...s.clusterDNS], searches: [`${ns}.svc.${d}`, `svc.${d}`, d], options: ['ndots:5'] };
  } else if (policy === 'None') {
    dns = { servers: [], searches: [], options: [] };
  }
  const cfg = pod.spec.dnsConfig;
  if (!cfg) return dns;
  const base = dns ?? { servers: [], searches: [], options: [] };
  const options = [...base.options];
  for (const o of cfg.options ?? []) {
    const text = o.value !== undefined ? `${o.name}:${o.value}` : (o.name ?? '');
    const i = options.findIndex((x) => x.split(':')[0] === o.name);
    if (i >= 0) options[i] = text;
    else options.push(text);
  }
  return {
    servers: [...new Set([...base.servers, ...(cfg.nameservers ?? [])])],
    searches: [...new Set([...base.searches, ...(cfg.searches ?? [])])],
    options,
  };
}

export function hostPorts(pod: Pod): PortMapping[] {
  const out: PortMapping[] = [];
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      out.push({ containerPort: p.containerPort, hostPort: p.hostPort, protocol: (p.protocol ?? 'TCP') as PortMapping['protocol'], ...(p.hostIP ? { hostIP: p.hostIP } : {}) });
    }
  }
  return out;
}

export function sandboxSpec(pod: Pod, nodeName: string, dns: DnsSettings, network?: string): SandboxSpec {
  const hostname = (pod.spec.hostname ?? pod.metadata.name ?? '').slice(0, 63);
  const spec: SandboxSpec = {
    podUid: pod.metadata.uid ?? '',
    podName: pod.metadata.name ?? '',
    podNamespace: pod.metadata.namespace ?? '',
    hostname,
    hostNetwork: !!pod.spec.hostNetwork,
    portMappings: hostPorts(pod),
    labels: podLabels(pod, nodeName),
  };
  if (network && !pod.spec.hostNetwork) spec.network = network;
  const resolv = podDns(pod, dns);
  if (resolv) spec.dns = resolv;
  if (pod.spec.hostAliases?.length) spec.hostAliases = pod.spec.hostAliases.map((a) => ({ ip: a.ip ?? '', hostnames: [...(a.hostnames ?? [])] }));
  return spec;
}
