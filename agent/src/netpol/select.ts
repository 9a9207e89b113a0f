// Who a policy is about, as upstream defines it: spec.podSelector picks pods in the policy's own
// namespace; a peer's podSelector alone means the policy's namespace, namespaceSelector alone means
// every pod of the matching namespaces, both together mean matching pods in matching namespaces.
import { matchesLabels, NOTHING, selectorFromLabelSelector, type LabelSelector, type LabelSelectorObject } from '../../../workers/kube/selectors/labels';
import { isIPv4 } from '../proxy/ip';
import type { Namespace, NetworkPolicyPeer, Pod } from './types';

/** A selector the API would have refused selects nothing (never everything) if one slips through. */
export function selector(obj: LabelSelectorObject | undefined): LabelSelector {
  try {
    return selectorFromLabelSelector(obj);
  } catch {
    return NOTHING;
  }
}

/** The pod's IPv4 address, or undefined for pods that have none, run on the host network, or are done. */
export function podIP(pod: Pod): string | undefined {
  if (pod.spec?.hostNetwork) return undefined;
  // A finished pod's address may already belong to a new pod.
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return undefined;
  const ips = [pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((p) => p.ip)];
  return ips.find((ip): ip is string => !!ip && isIPv4(ip));
}

/** Namespace labels, with the immutable kubernetes.io/metadata.name label upstream always sets. */
export function namespaceLabels(namespaces: Namespace[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const ns of namespaces) {
    const name = ns.metadata.name ?? '';
    out.set(name, { ...ns.metadata.labels, 'kubernetes.io/metadata.name': name });
  }
  return out;
}

/** Pods grouped by namespace: selection scans only the namespaces a selector can match. */
export type PodsByNamespace = Map<string, Pod[]>;

export function byNamespace(pods: Pod[]): PodsByNamespace {
  const out: PodsByNamespace = new Map();
  for (const p of pods) {
    const ns = p.metadata.namespace ?? '';
    const list = out.get(ns);
    if (list) list.push(p);
    else out.set(ns, [p]);
  }
  return out;
}

/** The addressed pods a peer (podSelector and/or namespaceSelector) selects, for a policy in `policyNs`. */
export function peerPods(peer: NetworkPolicyPeer, policyNs: string, pods: PodsByNamespace, nsLabels: Map<string, Record<string, string>>): Pod[] {
  if (!peer.podSelector && !peer.namespaceSelector) return [];
  const podSel = peer.podSelector ? selector(peer.podSelector) : undefined;
  let candidates: Pod[];
  if (peer.namespaceSelector) {
    const nsSel = selector(peer.namespaceSelector);
    // A pod whose namespace we have not seen yet cannot be matched by namespace labels.
    candidates = [...pods].flatMap(([ns, list]) => (nsLabels.has(ns) && matchesLabels(nsSel, nsLabels.get(ns)) ? list : []));
  } else candidates = pods.get(policyNs) ?? [];
  return podSel ? candidates.filter((p) => matchesLabels(podSel, p.metadata.labels)) : candidates;
}

/** The pods spec.podSelector selects: in the policy's namespace only. */
export function targetPods(podSelector: LabelSelectorObject | undefined, policyNs: string, pods: PodsByNamespace): Pod[] {
  const sel = selector(podSelector ?? {});
  return (pods.get(policyNs) ?? []).filter((p) => matchesLabels(sel, p.metadata.labels));
}

/** A named port's number in this pod for `protocol`, as upstream resolves it (first container port with the name). */
export function namedPort(pod: Pod, name: string, protocol: string): number | undefined {
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === name && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}
