// The node's rules as data, before any text: map elements, per-Service chains and affinity sets. The
// full script (render.ts) and the incremental one (delta.ts) are both printed from this model.
// Layout of kube-proxy's nftables mode (KEP-3866): destinations are looked up in verdict maps (one
// lookup whatever the number of Services), each Service port has a chain that picks an endpoint with
// `numgen random`, and each endpoint has a chain that marks hairpin traffic for masquerade and DNATs.
// Services with no usable endpoint are rejected (or dropped, when a traffic policy leaves none on
// this node) in filter chains that run before NAT.
import { isIPv4 } from './ip';
import { type Backend, type PortPlan, planPorts } from './plan';
import { DEFAULT_TABLE, type RenderInput } from './types';

export const MAP_NAMES = ['service-ips', 'service-nodeports', 'no-endpoint-services', 'no-endpoint-nodeports'] as const;
export type MapName = (typeof MAP_NAMES)[number];

export interface RuleModel {
  table: string;
  nodeName: string;
  nodeIPs: string[];
  /** Map name → element key ("ip . proto . port" or "proto . port") → verdict. */
  maps: Record<MapName, Map<string, string>>;
  /** Affinity set name → its timeout in seconds. */
  sets: Map<string, number>;
  /** Per-Service chain name → its rules, in order (chains in the order they were made). */
  chains: Map<string, string[]>;
}

export function buildModel(input: RenderInput): RuleModel {
  const model: RuleModel = {
    table: input.tableName ?? DEFAULT_TABLE,
    nodeName: input.nodeName,
    nodeIPs: [...new Set(input.nodeIPs.filter(isIPv4))],
    maps: { 'service-ips': new Map(), 'service-nodeports': new Map(), 'no-endpoint-services': new Map(), 'no-endpoint-nodeports': new Map() },
    sets: new Map(),
    chains: new Map(),
  };
  const claimed = new Set<string>();
  for (const plan of planPorts(input)) addPort(plan, model, claimed);
  return model;
}

function addPort(plan: PortPlan, model: RuleModel, claimed: Set<string>): void {
  const maps = model.maps;
  // First writer wins: two Services claiming one address and port (in a forwarding map or a reject
  // map alike, since the reject check runs first) cannot both have it.
  const setOnce = (map: Map<string, string>, key: string, verdict: string) => {
    if (claimed.has(key)) return;
    claimed.add(key);
    map.set(key, verdict);
  };
  const { id, protocol, port } = plan;
  const internal = plan.internalLocal ? plan.localEndpoints : plan.clusterEndpoints;
  const external = plan.externalLocal ? plan.localEndpoints : plan.clusterEndpoints;
  // No usable endpoint at all: reject, as kube-proxy does, so clients fail fast. Endpoints that a
  // traffic policy rules out on this node: drop (the client may retry via another node).
  const none = plan.clusterEndpoints.length === 0;
  const internalMiss = none ? 'goto reject-chain' : 'drop';
  for (const ip of plan.clusterIPs) {
    const key = `${ip} . ${protocol} . ${port}`;
    if (internal.length) setOnce(maps['service-ips'], key, `goto ${policyChain(plan, plan.internalLocal)}`);
    else setOnce(maps['no-endpoint-services'], key, internalMiss);
  }
  const hasExternal = plan.externalIPs.length > 0 || plan.nodePort !== undefined;
  const externalVerdict = hasExternal && external.length ? `goto external-${id}` : null;
  const externalMiss = none ? 'goto reject-chain' : 'drop';
  for (const ip of plan.externalIPs) {
    const key = `${ip} . ${protocol} . ${port}`;
    if (externalVerdict) setOnce(maps['service-ips'], key, externalVerdict);
    else setOnce(maps['no-endpoint-services'], key, externalMiss);
  }
  if (plan.nodePort !== undefined) {
    const key = `${protocol} . ${plan.nodePort}`;
    if (externalVerdict) setOnce(maps['service-nodeports'], key, externalVerdict);
    else setOnce(maps['no-endpoint-nodeports'], key, externalMiss);
  }
  if (none) return;

  // The external chain reaches the cluster chain under either policy (Local short-circuits the node's own traffic).
  const usesCluster = (internal.length > 0 && !plan.internalLocal) || externalVerdict !== null;
  const usesLocal = plan.localEndpoints.length > 0 && (plan.internalLocal || (plan.externalLocal && externalVerdict !== null));
  if (usesCluster) model.chains.set(`cluster-${id}`, balance(plan, plan.clusterEndpoints));
  if (usesLocal) model.chains.set(`local-${id}`, balance(plan, plan.localEndpoints));
  if (externalVerdict) model.chains.set(`external-${id}`, externalChain(plan));
  const used = new Map<string, Backend>();
  for (const b of [...(usesCluster ? plan.clusterEndpoints : []), ...(usesLocal ? plan.localEndpoints : [])]) used.set(endpointName(id, b), b);
  for (const [name, b] of used) {
    model.chains.set(name, endpointChain(plan, name, b));
    if (plan.affinitySeconds !== undefined) model.sets.set(affinitySet(name), plan.affinitySeconds);
  }
}

function policyChain(plan: PortPlan, local: boolean): string {
  return `${local ? 'local' : 'cluster'}-${plan.id}`;
}

/**
 * Traffic from outside the cluster. Cluster policy: masquerade it (the reply must come back through
 * this node). Local policy keeps the client address, so only local endpoints may serve it; traffic
 * the node itself sends is short-circuited to all endpoints (and masqueraded), as upstream does.
 */
function externalChain(plan: PortPlan): string[] {
  return plan.externalLocal
    ? ['fib saddr type local jump mark-for-masquerade', `fib saddr type local goto cluster-${plan.id}`, `goto local-${plan.id}`]
    : ['jump mark-for-masquerade', `goto cluster-${plan.id}`];
}

/** Sticky clients first (one set per endpoint, keyed by source address), then a random pick. */
function balance(plan: PortPlan, backends: Backend[]): string[] {
  const lines: string[] = [];
  if (plan.affinitySeconds !== undefined) {
    for (const b of backends) lines.push(`ip saddr @${affinitySet(endpointName(plan.id, b))} goto ${endpointName(plan.id, b)}`);
  }
  if (backends.length === 1) lines.push(`goto ${endpointName(plan.id, backends[0])}`);
  else lines.push(`numgen random mod ${backends.length} vmap { ${backends.map((b, i) => `${i} : goto ${endpointName(plan.id, b)}`).join(', ')} }`);
  return lines;
}

function endpointChain(plan: PortPlan, name: string, b: Backend): string[] {
  const lines: string[] = [];
  if (plan.affinitySeconds !== undefined) lines.push(`update @${affinitySet(name)} { ip saddr }`);
  // Hairpin: a pod reaching itself through the Service must see the reply come from the Service.
  lines.push(`ip saddr ${b.ip} jump mark-for-masquerade`);
  lines.push(`meta l4proto ${plan.protocol} dnat to ${b.ip}:${b.port}`);
  return lines;
}

const endpointName = (id: string, b: Backend) => `endpoint-${id}__${b.ip}/${b.port}`;
const affinitySet = (endpoint: string) => `affinity-${endpoint.slice('endpoint-'.length)}`;

