// Per-node pod ranges (spec.podCIDR), as kube-controller-manager's node IPAM does it: one /24 of the
// cluster CIDR (10.244.0.0/16 by default, CLUSTER_CIDR) per Node, picked at create when the Node has
// none, held as an allocation row written in the Node's own batch (so two Nodes never share one) and
// released when the Node is deleted. A range the client gives is kept; it is recorded (and so must be
// free) only when it lies inside the cluster CIDR: simulated nodes bring their own ranges elsewhere.
import type { KObject } from '../../../kube/registry/types';
import { type StatusError, invalid } from '../../../kube/status';
import type { Allocation } from '../store';
import { type Cidr, intToIp, ipToInt, parseCidr } from './cidr';

export const DEFAULT_CLUSTER_CIDR = '10.244.0.0/16';
/** Each node's share of the cluster CIDR (kube-controller-manager's --node-cidr-mask-size). */
export const NODE_MASK = 24;

interface NodeSpec {
  podCIDR?: string;
  podCIDRs?: string[];
}

let cache: { text: string; cidr: Cidr } | undefined;
export function clusterCidr(text = DEFAULT_CLUSTER_CIDR): Cidr {
  if (cache?.text !== text) cache = { text, cidr: parseCidr(text) };
  return cache.cidr;
}

/** "a.b.c.d/n" with the address on its prefix boundary, or undefined. */
function parseRange(text: string): { base: number; bits: number } | undefined {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text);
  const ip = m ? ipToInt(m[1]) : undefined;
  const bits = m ? Number(m[2]) : NaN;
  if (ip === undefined || !(bits >= 0 && bits <= 32)) return undefined;
  return ip % 2 ** (32 - bits) === 0 ? { base: ip, bits } : undefined;
}

const inside = (cluster: Cidr, range: { base: number; bits: number }) => range.bits === NODE_MASK && range.base >= cluster.base && range.base < cluster.base + cluster.size;

export function nodeAllocations(node: KObject, cluster: Cidr): Allocation[] {
  const cidr = ((node.spec ?? {}) as NodeSpec).podCIDR;
  const range = cidr ? parseRange(cidr) : undefined;
  return range && inside(cluster, range) ? [{ kind: 'pod-cidr', value: cidr! }] : [];
}

/**
 * A random /24 of the cluster CIDR, avoiding `taken` (known after a collision). Undefined when every one
 * is taken: the Node is then registered without a range, as upstream does (CIDRNotAvailable).
 */
export function randomNodeRange(cluster: Cidr, taken?: Set<string>): string | undefined {
  const count = Math.max(1, cluster.size / 2 ** (32 - NODE_MASK));
  const at = (i: number) => `${intToIp(cluster.base + i * 2 ** (32 - NODE_MASK))}/${NODE_MASK}`;
  const start = crypto.getRandomValues(new Uint32Array(1))[0] % count;
  if (!taken?.size) return at(start);
  for (let k = 0; k < count; k++) if (!taken.has(at((start + k) % count))) return at((start + k) % count);
  return undefined;
}

/**
 * Fills in spec.podCIDR(s) (keeping the old object's: the field is immutable once set, as upstream).
 * Returns the explicit values ("pod-cidr/<range>") the client asked for.
 */
export function assignNodeRange(node: KObject, cluster: Cidr, old?: KObject, taken?: Set<string>): Set<string> {
  const spec = (node.spec ??= {}) as NodeSpec;
  const before = ((old?.spec ?? {}) as NodeSpec).podCIDR;
  const name = node.metadata.name ?? '';
  const explicit = new Set<string>();
  if (!spec.podCIDR && spec.podCIDRs?.length) spec.podCIDR = spec.podCIDRs[0];
  if (spec.podCIDR && spec.podCIDR !== before) {
    if (!parseRange(spec.podCIDR)) throw invalid('Node', '', name, [{ reason: 'FieldValueInvalid', field: 'spec.podCIDRs[0]', message: `Invalid value: ${JSON.stringify(spec.podCIDR)}: must be a valid CIDR` }]);
    if (before) throw invalid('Node', '', name, [{ reason: 'FieldValueForbidden', field: 'spec.podCIDRs', message: 'Forbidden: node updates may not change podCIDR except from "" to valid' }]);
    explicit.add(`pod-cidr/${spec.podCIDR}`);
  }
  spec.podCIDR ??= before ?? randomNodeRange(cluster, taken);
  if (!spec.podCIDR) {
    delete spec.podCIDR;
    return explicit;
  }
  spec.podCIDRs = [spec.podCIDR, ...(spec.podCIDRs ?? []).filter((c) => c !== spec.podCIDR && c.includes(':'))];
  return explicit;
}

export function nodeRangeTaken(node: KObject, taken: Set<string>): StatusError | undefined {
  const cidr = ((node.spec ?? {}) as NodeSpec).podCIDR;
  if (!cidr || !taken.has(`pod-cidr/${cidr}`)) return undefined;
  return invalid('Node', '', node.metadata.name ?? '', [{ reason: 'FieldValueInvalid', field: 'spec.podCIDRs[0]', message: `Invalid value: ${JSON.stringify(cidr)}: provided CIDR is already allocated` }]);
}
