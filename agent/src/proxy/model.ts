// The node's rules as data, before any text: map elements, per-Service chains and affinity sets. The
// full script (render.ts) and the incremental one (delta.ts) are both printed from this model.
// Layout of kube-proxy's nftables mode (KEP-3866) with one change: destinations are looked up in
// verdict maps (one lookup whatever the number of Services) and each Service port has a chain that
// picks an endpoint with `numgen random`, but that chain DNATs itself (see balance) instead of
// jumping to one chain per endpoint. nft 1.0.x reads every chain and set of the netns before each
// command, so 10,000 endpoint chains made one endpoint change cost ~5x more CPU (docs/decisions.md). Hairpin
// traffic is masqueraded by a lookup of (source, destination) in postrouting. Only Services with
// ClientIP affinity keep per-endpoint chains (the pick must also be recorded in that endpoint's set).
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
  /** Addresses of every endpoint in use: a connection DNATed back to its own source is masqueraded. */
  hairpin: Set<string>;
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
    hairpin: new Set(),
    chains: new Map(),
  };
  // First writer wins: two Services claiming one address and port (in a forwarding map or a reject
  // map alike, since the reject check runs first) cannot both have it.
  const claimed = new Set<string>();
  for (const plan of planPorts(input)) {
    let rules = rulesOf.get(plan);
    if (!rules) rulesOf.set(plan, (rules = portRules(plan)));
    for (const [map, key, verdict] of rules.elements) {
      if (claimed.has(key)) continue;
      claimed.add(key);
      model.maps[map].set(key, verdict);
    }
    for (const [name, lines] of rules.chains) model.chains.set(name, lines);
    for (const [name, timeout] of rules.sets) model.sets.set(name, timeout);
    for (const ip of rules.hairpin) model.hairpin.add(ip);
  }
  return model;
}

/** What one Service port contributes. Never mutated: models share it, and delta.ts compares chains by identity first. */
interface PortRules {
  elements: [MapName, string, string][];
  chains: [string, string[]][];
  sets: [string, number][];
  hairpin: string[];
}

// A plan that planPorts reused (its Service and slices did not change) gives the same rules: remembering
// them keeps one endpoint change from re-rendering every Service's text.
const rulesOf = new WeakMap<PortPlan, PortRules>();

function portRules(plan: PortPlan): PortRules {
  const out: PortRules = { elements: [], chains: [], sets: [], hairpin: [] };
  const { id, protocol, port } = plan;
  const internal = plan.internalLocal ? plan.localEndpoints : plan.clusterEndpoints;
  const external = plan.externalLocal ? plan.localEndpoints : plan.clusterEndpoints;
  // No usable endpoint at all: reject, as kube-proxy does, so clients fail fast. Endpoints that a
  // traffic policy rules out on this node: drop (the client may retry via another node).
  const none = plan.clusterEndpoints.length === 0;
  const internalMiss = none ? 'goto reject-chain' : 'drop';
  for (const ip of plan.clusterIPs) {
    const key = `${ip} . ${protocol} . ${port}`;
    if (internal.length) out.elements.push(['service-ips', key, `goto ${policyChain(plan, plan.internalLocal)}`]);
    else out.elements.push(['no-endpoint-services', key, internalMiss]);
  }
  const hasExternal = plan.externalIPs.length > 0 || plan.nodePort !== undefined;
  const externalVerdict = hasExternal && external.length ? `goto external-${id}` : null;
  const externalMiss = none ? 'goto reject-chain' : 'drop';
  for (const ip of plan.externalIPs) {
    const key = `${ip} . ${protocol} . ${port}`;
    if (externalVerdict) out.elements.push(['service-ips', key, externalVerdict]);
    else out.elements.push(['no-endpoint-services', key, externalMiss]);
  }
  if (plan.nodePort !== undefined) {
    const key = `${protocol} . ${plan.nodePort}`;
    if (externalVerdict) out.elements.push(['service-nodeports', key, externalVerdict]);
    else out.elements.push(['no-endpoint-nodeports', key, externalMiss]);
  }
  if (none) return out;

  // The external chain reaches the cluster chain under either policy (Local short-circuits the node's own traffic).
  const usesCluster = (internal.length > 0 && !plan.internalLocal) || externalVerdict !== null;
  const usesLocal = plan.localEndpoints.length > 0 && (plan.internalLocal || (plan.externalLocal && externalVerdict !== null));
  if (usesCluster) out.chains.push([`cluster-${id}`, balance(plan, plan.clusterEndpoints)]);
  if (usesLocal) out.chains.push([`local-${id}`, balance(plan, plan.localEndpoints)]);
  if (externalVerdict) out.chains.push([`external-${id}`, externalChain(plan)]);
  const used = new Map<string, Backend>();
  for (const b of [...(usesCluster ? plan.clusterEndpoints : []), ...(usesLocal ? plan.localEndpoints : [])]) used.set(endpointName(id, b), b);
  for (const [name, b] of used) {
    out.hairpin.push(b.ip);
    if (plan.affinitySeconds === undefined) continue;
    out.chains.push([name, endpointChain(plan, name, b)]);
    out.sets.push([affinitySet(name), plan.affinitySeconds]);
  }
  return out;
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

/**
 * Endpoints up to which a Service chain picks with one rule per endpoint rather than one inline map.
 * nft dumps every anonymous set (an inline map is one) before each command, ~3 µs of CPU each per
 * apply for every Service, while rules are not read at all; a rule per endpoint costs only the chain's
 * own new connections (at most this many comparisons), so it wins until a Service gets large.
 */
export const LINEAR_PICK_MAX = 16;

/**
 * A random pick over `backends`. Without affinity the chain DNATs itself: up to LINEAR_PICK_MAX
 * endpoints, rule i matches with probability 1/(N-i) (so each endpoint gets 1/N, as iptables'
 * `statistic` chains do); beyond, one rule with an inline map from `numgen random mod N` to
 * address . port. With ClientIP affinity, sticky clients first (one timed set per endpoint, keyed by
 * source address), then a random jump to an endpoint chain that records the client.
 */
function balance(plan: PortPlan, backends: Backend[]): string[] {
  if (plan.affinitySeconds === undefined) {
    const dnat = `meta l4proto ${plan.protocol} dnat to`;
    if (backends.length > LINEAR_PICK_MAX) return [`${dnat} numgen random mod ${backends.length} map { ${backends.map((b, i) => `${i} : ${b.ip} . ${b.port}`).join(', ')} }`];
    const n = backends.length;
    return backends.map((b, i) => `${i < n - 1 ? `numgen random mod ${n - i} == 0 ` : ''}${dnat} ${b.ip}:${b.port}`);
  }
  const lines = backends.map((b) => `ip saddr @${affinitySet(endpointName(plan.id, b))} goto ${endpointName(plan.id, b)}`);
  if (backends.length === 1) lines.push(`goto ${endpointName(plan.id, backends[0])}`);
  else lines.push(`numgen random mod ${backends.length} vmap { ${backends.map((b, i) => `${i} : goto ${endpointName(plan.id, b)}`).join(', ')} }`);
  return lines;
}

/** Only for ClientIP affinity: remember the client for this endpoint, then DNAT. */
function endpointChain(plan: PortPlan, name: string, b: Backend): string[] {
  return [`update @${affinitySet(name)} { ip saddr }`, `meta l4proto ${plan.protocol} dnat to ${b.ip}:${b.port}`];
}

const endpointName = (id: string, b: Backend) => `endpoint-${id}__${b.ip}/${b.port}`;
const affinitySet = (endpoint: string) => `affinity-${endpoint.slice('endpoint-'.length)}`;

