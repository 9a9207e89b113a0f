// What an Ingress of ours says in status.loadBalancer: every Ready node that runs the ingress proxy
// (labelled by its agent) serves it, so each such node's address is an entry point (k3s' servicelb
// model): its ExternalIPs, else its InternalIPs; IPv4, sorted, deduplicated.
import { INGRESS_NODE_LABEL } from '../../../kube/ingress/claim';
import type { KObject } from '../../../kube/registry/types';

export { INGRESS_NODE_LABEL };

export interface NodeLike extends KObject {
  status?: { addresses?: { type: string; address: string }[]; conditions?: { type: string; status: string }[] };
}

export interface IngressLoadBalancer {
  ingress?: { ip: string }[];
}

const isIPv4 = (s: string) => /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s);
const ipKey = (ip: string) => ip.split('.').map((p) => p.padStart(3, '0')).join('.');

export function ingressLoadBalancer(nodes: NodeLike[]): IngressLoadBalancer {
  const ips = new Set<string>();
  for (const node of nodes) {
    if (node.metadata.labels?.[INGRESS_NODE_LABEL] !== 'true') continue;
    if (node.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'True') continue;
    const addrs = node.status?.addresses ?? [];
    const external = addrs.filter((a) => a.type === 'ExternalIP' && isIPv4(a.address));
    for (const a of external.length ? external : addrs.filter((a) => a.type === 'InternalIP' && isIPv4(a.address))) ips.add(a.address);
  }
  if (!ips.size) return {};
  return { ingress: [...ips].sort((a, b) => ipKey(a).localeCompare(ipKey(b))).map((ip) => ({ ip })) };
}
