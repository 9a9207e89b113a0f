// Builders for NetworkPolicy tests: pods, namespaces, policies, and a compact view of a model.
import type { NetpolModel } from './model';
import { sortElements } from './render';
import type { Namespace, NetworkPolicy, NetworkPolicySpec, Pod } from './types';

export function pod(ns: string, name: string, ip: string, labels: Record<string, string> = {}, opts: { node?: string; ports?: { name: string; port: number; protocol?: string }[]; phase?: string } = {}): Pod {
  return {
    metadata: { namespace: ns, name, labels },
    spec: { nodeName: opts.node ?? 'node-a', containers: [{ ports: (opts.ports ?? []).map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol ?? 'TCP' })) }] },
    status: { phase: opts.phase ?? 'Running', podIP: ip, podIPs: [{ ip }] },
  };
}

export const namespace = (name: string, labels: Record<string, string> = {}): Namespace => ({ metadata: { name, labels } });

/** A policy as the API stores it (defaulted: podSelector {}, protocol TCP, policyTypes). */
export function policy(ns: string, name: string, spec: NetworkPolicySpec): NetworkPolicy {
  const s: NetworkPolicySpec = { podSelector: {}, ...spec };
  for (const r of [...(s.ingress ?? []), ...(s.egress ?? [])]) for (const p of r.ports ?? []) p.protocol ??= 'TCP';
  if (!s.policyTypes?.length) s.policyTypes = s.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
  return { metadata: { namespace: ns, name }, spec: s };
}

/** Non-empty sets and all chains, one line each: what golden tables compare. */
export function view(model: NetpolModel): string[] {
  const out: string[] = [];
  for (const [name, s] of model.sets) if (s.elements.size) out.push(`set ${name} = ${sortElements(s.elements).join(', ')}`);
  for (const [name, rules] of model.chains) out.push(`chain ${name}: ${rules.join(' | ')}`);
  return out;
}
