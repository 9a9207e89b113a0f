// What a LoadBalancer Service's status says when every node serves it (k3s' servicelb model): one
// ingress entry per address of each Ready node, external addresses preferred over internal ones.
import { compareIPv4, isIPv4 } from './ip';

export interface NodeLike {
  metadata: { name?: string };
  spec?: { unschedulable?: boolean };
  status?: { addresses?: { type: string; address: string }[]; conditions?: { type: string; status: string }[] };
}

export interface LoadBalancerStatus {
  ingress?: { ip: string; ipMode: 'VIP' }[];
}

/** Ready nodes only (a node that cannot serve should not be advertised); sorted, deduplicated. */
export function loadBalancerStatus(nodes: NodeLike[]): LoadBalancerStatus {
  const ips = new Set<string>();
  for (const node of nodes) {
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready && ready.status !== 'True') continue;
    const addrs = node.status?.addresses ?? [];
    const external = addrs.filter((a) => a.type === 'ExternalIP' && isIPv4(a.address));
    for (const a of external.length ? external : addrs.filter((a) => a.type === 'InternalIP' && isIPv4(a.address))) ips.add(a.address);
  }
  if (!ips.size) return {};
  // ipMode VIP: the rules DNAT the address itself, so in-cluster clients may short-circuit to it.
  return { ingress: [...ips].sort(compareIPv4).map((ip) => ({ ip, ipMode: 'VIP' as const })) };
}
