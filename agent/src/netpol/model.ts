// The node's NetworkPolicy rules as data (sets and chains) before any text; the full script (render.ts)
// and the incremental one (delta.ts) are both printed from it.
//
// The shape of the chains depends only on the policies; everything that depends on pods and namespaces
// (which pods a policy isolates, which pods a peer selects, named ports) lives in sets keyed by pod IP.
// So a pod that starts, stops or changes labels is a few set elements added or removed, never a rebuild.
//
//   forward ─▶ ingress: replies pass; a packet to a pod in @ingress-isolated walks ingress-policies:
//                 for each policy selecting the destination (its targets set), the policy's chain
//                 accepts what one of its rules allows; nothing allowed: drop.
//           ─▶ egress: the same for packets from pods in @egress-isolated.
// Both base chains must accept, so pod-to-pod traffic on one node passes the sender's egress and the
// receiver's ingress policies. Policies are additive allow-lists, so their order does not matter.
import { blockCidrs, type IPBlock } from './cidr';
import { byNamespace, namedPort, namespaceLabels, peerPods, podIP, targetPods, type PodsByNamespace } from './select';
import { DEFAULT_NETPOL_TABLE, type NetpolInput, type NetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort, type Pod } from './types';

export type Direction = 'ingress' | 'egress';

export interface NftSet {
  /** nft type, e.g. "ipv4_addr" or "ipv4_addr . inet_proto . inet_service". */
  type: string;
  /** Holds CIDRs (flags interval). */
  interval: boolean;
  elements: Set<string>;
}

export interface NetpolModel {
  table: string;
  nodeName: string;
  sets: Map<string, NftSet>;
  /** Regular (non-base) chains → their rules, in order. */
  chains: Map<string, string[]>;
}

const ADDR = 'ipv4_addr';
const ADDR_PORT = 'ipv4_addr . inet_proto . inet_service';
// nft names may be 256 bytes long; a longer namespace/name pair is shortened with a hash.
const MAX_NAME = 200;

interface Ctx {
  model: NetpolModel;
  /** Every addressed pod in the cluster (peers), and by namespace. */
  pods: Pod[];
  podsByNs: PodsByNamespace;
  /** This node's addressed pods (targets), by namespace. */
  local: PodsByNamespace;
  nsLabels: Map<string, Record<string, string>>;
}

export function buildModel(input: NetpolInput): NetpolModel {
  const model: NetpolModel = { table: input.tableName ?? DEFAULT_NETPOL_TABLE, nodeName: input.nodeName, sets: new Map(), chains: new Map() };
  const pods = input.pods.filter((p) => podIP(p) !== undefined);
  const local = pods.filter((p) => p.spec?.nodeName === input.nodeName);
  const ctx: Ctx = { model, pods, podsByNs: byNamespace(pods), local: byNamespace(local), nsLabels: namespaceLabels(input.namespaces) };
  const set = (name: string, type = ADDR, interval = false) => {
    const s: NftSet = { type, interval, elements: new Set() };
    model.sets.set(name, s);
    return s.elements;
  };
  const isolated = { ingress: set('ingress-isolated'), egress: set('egress-isolated') };
  const localIPs = set('local-pods');
  const clusterIPs = set('cluster-pods');
  for (const p of local) localIPs.add(podIP(p)!);
  for (const p of pods) clusterIPs.add(podIP(p)!);
  const dispatch: Record<Direction, string[]> = { ingress: [], egress: [] };

  const sorted = [...input.policies].sort((a, b) => idOf(a).localeCompare(idOf(b)));
  for (const policy of sorted) {
    const types = policy.spec?.policyTypes ?? ['Ingress'];
    for (const dir of ['ingress', 'egress'] as const) {
      if (!types.includes(dir === 'ingress' ? 'Ingress' : 'Egress')) continue;
      const id = idOf(policy);
      const targets = set(nameFor(`${dir}-targets-`, id));
      const selected = targetPods(policy.spec?.podSelector, policy.metadata.namespace ?? '', ctx.local);
      for (const p of selected) {
        targets.add(podIP(p)!);
        isolated[dir].add(podIP(p)!);
      }
      const chain = nameFor(`${dir}-`, id);
      dispatch[dir].push(`ip ${dir === 'ingress' ? 'daddr' : 'saddr'} @${nameFor(`${dir}-targets-`, id)} jump ${chain}`);
      model.chains.set(chain, policyRules(ctx, policy, dir, id, selected));
    }
  }
  // Nothing a selecting policy allows: dropped (as most CNIs do; a reject would tell the client at once).
  for (const dir of ['ingress', 'egress'] as const) model.chains.set(`${dir}-policies`, [...dispatch[dir], 'drop']);
  return model;
}

/** One policy's rules for one direction: each accepts (peer AND port); an empty chain allows nothing. */
function policyRules(ctx: Ctx, policy: NetworkPolicy, dir: Direction, id: string, selected: Pod[]): string[] {
  const rules = (dir === 'ingress' ? policy.spec?.ingress?.map((r) => ({ peers: r.from, ports: r.ports })) : policy.spec?.egress?.map((r) => ({ peers: r.to, ports: r.ports }))) ?? [];
  const peerField = dir === 'ingress' ? 'saddr' : 'daddr';
  const ns = policy.metadata.namespace ?? '';
  const lines: string[] = [];
  rules.forEach((rule, i) => {
    const peerMatches = rule.peers?.length ? peerSets(ctx, rule.peers, ns, `${id}/${i}`, dir, peerField) : [''];
    const targets = dir === 'ingress' ? selected : ctx.pods;
    const portMatches = rule.ports?.length ? rule.ports.map((p, j) => portMatch(ctx, p, `${id}/${i}/${j}`, dir, targets)) : [''];
    for (const peer of peerMatches) for (const port of portMatches) lines.push([peer, port, 'accept'].filter(Boolean).join(' '));
  });
  return lines;
}

/** A rule's peers as at most two set lookups: the pods the selectors pick, and the ipBlocks' CIDRs. */
function peerSets(ctx: Ctx, peers: NetworkPolicyPeer[], ns: string, ruleId: string, dir: Direction, field: string): string[] {
  const out: string[] = [];
  const selecting = peers.filter((p) => p.podSelector || p.namespaceSelector);
  if (selecting.length) {
    const name = nameFor(`${dir}-peers-`, ruleId);
    const s: NftSet = { type: ADDR, interval: false, elements: new Set() };
    for (const peer of selecting) for (const p of peerPods(peer, ns, ctx.podsByNs, ctx.nsLabels)) s.elements.add(podIP(p)!);
    ctx.model.sets.set(name, s);
    out.push(`ip ${field} @${name}`);
  }
  const blocks = peers.map((p) => p.ipBlock).filter((b): b is IPBlock => !!b);
  if (blocks.length) {
    const name = nameFor(`${dir}-cidrs-`, ruleId);
    ctx.model.sets.set(name, { type: ADDR, interval: true, elements: new Set(blockCidrs(blocks)) });
    out.push(`ip ${field} @${name}`);
  }
  return out;
}

/**
 * A port entry. Numbers and ranges are literal; a named port means a different number in each pod, so
 * it becomes a set of (pod IP . protocol . port): for ingress the selected local pods that declare the
 * name, for egress every pod that does (the destination's own port, as upstream resolves it).
 */
function portMatch(ctx: Ctx, p: NetworkPolicyPort, portId: string, dir: Direction, pods: Pod[]): string {
  const protocol = p.protocol ?? 'TCP';
  const proto = protocol.toLowerCase();
  if (p.port === undefined) return `meta l4proto ${proto}`;
  if (typeof p.port === 'number') return `meta l4proto ${proto} th dport ${p.endPort !== undefined && p.endPort > p.port ? `${p.port}-${p.endPort}` : p.port}`;
  const name = nameFor(`${dir}-ports-`, portId);
  const s: NftSet = { type: ADDR_PORT, interval: false, elements: new Set() };
  for (const pod of pods) {
    const n = namedPort(pod, p.port, protocol);
    if (n !== undefined) s.elements.add(`${podIP(pod)} . ${proto} . ${n}`);
  }
  ctx.model.sets.set(name, s);
  return `ip daddr . meta l4proto . th dport @${name}`;
}

const idOf = (p: NetworkPolicy) => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;

function nameFor(prefix: string, id: string): string {
  const full = prefix + id;
  if (full.length <= MAX_NAME) return full;
  return `${full.slice(0, MAX_NAME - 18)}-h${fnv(full)}`;
}

/** FNV-1a, 64 bits as hex: a stable short suffix for over-long names. */
function fnv(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) h = BigInt.asUintN(64, (h ^ BigInt(s.charCodeAt(i))) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}
