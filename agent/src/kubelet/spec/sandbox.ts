// The pod's sandbox: network mode, hostPort mappings, DNS and /etc/hosts, as upstream's
// generatePodSandboxConfig and its DNS configurer decide them.
import { podResolvSettings, type DnsPolicy, type ResolvConf } from '../../dns/resolv-conf';
import type { PortMapping, SandboxSpec } from '../../runtime/types';
import type { Pod } from '../types';
import { podLabels } from './labels';

export interface DnsSettings {
  clusterDNS?: string[];
  clusterDomain: string;
  /** The host's resolver settings (search domains follow the cluster's, as upstream); default none. */
  host?: ResolvConf;
}

type Dns = NonNullable<SandboxSpec['dns']>;

/** resolv.conf for the pod per dnsPolicy (agent/src/dns podResolvSettings); undefined = the runtime's default (the host's). */
export function podDns(pod: Pod, s: DnsSettings): Dns | undefined {
  const conf = podResolvSettings({
    namespace: pod.metadata.namespace ?? 'default',
    dnsPolicy: pod.spec.dnsPolicy as DnsPolicy | undefined,
    hostNetwork: !!pod.spec.hostNetwork,
    dnsConfig: pod.spec.dnsConfig,
    clusterDNS: s.clusterDNS ?? [],
    clusterDomain: s.clusterDomain,
    host: s.host ?? { nameservers: [], searches: [], options: [] },
  });
  return conf && { servers: conf.nameservers, searches: conf.searches, options: conf.options };
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
