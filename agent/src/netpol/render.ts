// Prints the policy model as one `nft -f` script replacing the agent's policy table whole: declare,
// delete, define, in one transaction (atomic, and it works the first time too).
import type { NetpolModel, NftSet } from './model';
import { PROXY_MASQUERADE_MARK, type NetpolInput } from './types';
import { buildModel } from './model';

export function renderNetpol(input: NetpolInput): string {
  return printFull(buildModel(input));
}

export function printFull(model: NetpolModel): string {
  return [
    `# kubeflare network policies for node ${model.nodeName}: generated, replaced whole on a full sync.`,
    `table ip ${model.table} {}`,
    `delete table ip ${model.table}`,
    `table ip ${model.table} {`,
    ...[...model.sets].map(([name, s]) => block(`set ${name}`, [...setHeader(s), ...elements(sortElements(s.elements))])),
    ...BASE_CHAINS,
    ...[...model.chains].map(([name, rules]) => block(`chain ${name}`, rules)),
    '}',
    '',
  ].join('\n');
}

export const setHeader = (s: NftSet) => [`type ${s.type}`, ...(s.interval ? ['flags interval'] : [])];

// The forward hook sees pod traffic after the service proxy's DNAT (prerouting), so policies apply to
// the real destination pod, as upstream. Traffic the node itself sends or receives (kubelet probes, the
// node-local DNS server) passes the output and input hooks, which this table leaves alone.
const BASE_CHAINS = [
  block('chain ingress', ['type filter hook forward priority filter; policy accept;', 'ct state established,related accept', 'ip daddr @ingress-isolated jump ingress-policies']),
  block('chain egress', ['type filter hook forward priority filter; policy accept;', 'ct state established,related accept', 'ip saddr @egress-isolated jump egress-policies']),
  // Pod-to-pod traffic between nodes keeps the sender's address, so the receiving node can match it
  // against pod selectors: an identity SNAT, before the container engine's masquerade (which only runs
  // when no earlier NAT rule took the connection). The service proxy's hairpin masquerade is left alone.
  block('chain keep-pod-source', [
    'type nat hook postrouting priority srcnat - 1; policy accept;',
    `meta mark & ${PROXY_MASQUERADE_MARK} != 0 return`,
    'ip saddr @local-pods ip daddr @cluster-pods snat to ip saddr',
  ]),
];

/** Addresses in numeric order, so golden files read naturally (nft does not care). */
export function sortElements(elements: Iterable<string>): string[] {
  return [...elements].sort(NUMERIC.compare);
}

// One collator: localeCompare with options builds a new one on every call (seconds at 10^5 elements).
const NUMERIC = new Intl.Collator('en', { numeric: true });

function elements(items: string[]): string[] {
  if (!items.length) return [];
  return ['elements = {', ...items.map((e, i) => `  ${e}${i < items.length - 1 ? ',' : ''}`), '}'];
}

function block(head: string, lines: string[]): string {
  return [`  ${head} {`, ...lines.map((l) => `    ${l}`), '  }'].join('\n');
}
