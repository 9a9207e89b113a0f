// Prints the rule model as one `nft -f` script that replaces the agent's table whole. It declares the
// table, deletes it and defines it again: nft applies a file as one transaction, so the switch is
// atomic and also works the first time (when there is no table to delete).
import { buildModel, type MapName, type RuleModel } from './model';
import { MASQUERADE_MARK, type RenderInput } from './types';

export function renderRules(input: RenderInput): string {
  return printFull(buildModel(input));
}

const MAP_TYPES: Record<MapName, string> = {
  'service-ips': 'ipv4_addr . inet_proto . inet_service : verdict',
  'service-nodeports': 'inet_proto . inet_service : verdict',
  'no-endpoint-services': 'ipv4_addr . inet_proto . inet_service : verdict',
  'no-endpoint-nodeports': 'inet_proto . inet_service : verdict',
};

export function printFull(model: RuleModel): string {
  const { table } = model;
  return [
    `# kubeflare service proxy for node ${model.nodeName}: generated, replaced whole on every change.`,
    `table ip ${table} {}`,
    `delete table ip ${table}`,
    `table ip ${table} {`,
    block('set nodeport-ips', ['type ipv4_addr', ...elements([...model.nodeIPs].sort(compareField))]),
    block('set hairpin', ['type ipv4_addr . ipv4_addr', ...elements(hairpinLines(model.hairpin))]),
    ...(Object.keys(MAP_TYPES) as MapName[]).map((m) => block(`map ${m}`, [`type ${MAP_TYPES[m]}`, ...elements(mapLines(model.maps[m]))])),
    ...[...model.sets].map(([name, timeout]) => block(`set ${name}`, setLines(timeout))),
    ...BASE_CHAINS,
    ...[...model.chains].map(([name, rules]) => block(`chain ${name}`, rules)),
    '}',
    '',
  ].join('\n');
}

export const setLines = (timeout: number) => ['type ipv4_addr', 'flags dynamic,timeout', `timeout ${timeout}s`];

// Hooks: DNAT in prerouting (traffic arriving) and output (traffic from the node itself); the
// endpoint checks run at priority -110, before DNAT could rewrite the destination they look at.
const BASE_CHAINS = [
  block('chain nat-prerouting', ['type nat hook prerouting priority dstnat; policy accept;', 'jump services']),
  block('chain nat-output', ['type nat hook output priority -100; policy accept;', 'jump services']),
  block('chain nat-postrouting', ['type nat hook postrouting priority srcnat; policy accept;', 'jump masquerading']),
  block('chain filter-input', ['type filter hook input priority -110; policy accept;', 'ct state new jump nodeport-endpoints-check', 'ct state new jump service-endpoints-check']),
  block('chain filter-forward', ['type filter hook forward priority -110; policy accept;', 'ct state new jump service-endpoints-check']),
  block('chain filter-output', ['type filter hook output priority -110; policy accept;', 'ct state new jump service-endpoints-check']),
  block('chain services', ['ip daddr . meta l4proto . th dport vmap @service-ips', 'ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports']),
  block('chain service-endpoints-check', ['ip daddr . meta l4proto . th dport vmap @no-endpoint-services']),
  block('chain nodeport-endpoints-check', ['ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports']),
  block('chain mark-for-masquerade', [`meta mark set meta mark | ${MASQUERADE_MARK}`]),
  // Hairpin: a pod DNATed back to itself must see the reply come from the Service, not from itself.
  // Clear the bit before masquerading so it does not leak to whatever else reads the mark.
  block('chain masquerading', ['ct status dnat ip saddr . ip daddr @hairpin jump mark-for-masquerade', `meta mark & ${MASQUERADE_MARK} == 0 return`, `meta mark set meta mark ^ ${MASQUERADE_MARK}`, 'masquerade']),
  // `reject` is not a verdict, so a map cannot name it directly.
  block('chain reject-chain', ['reject with icmp type port-unreachable']),
];

/** `ip . ip` pairs of the hairpin set, in address order. */
export function hairpinLines(ips: Iterable<string>): string[] {
  return [...ips].sort(compareField).map((ip) => `${ip} . ${ip}`);
}

/** Map elements in address/port order (nft does not care; readers and golden tests do). */
export function mapLines(map: Map<string, string>): string[] {
  return [...map.keys()].sort(compareKeys).map((k) => `${k} : ${map.get(k)}`);
}

export function compareKeys(a: string, b: string): number {
  const x = a.split(' . ');
  const y = b.split(' . ');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const c = compareField(x[i] ?? '', y[i] ?? '');
    if (c) return c;
  }
  return 0;
}

function compareField(a: string, b: string): number {
  const na = a.split('.').map(Number);
  const nb = b.split('.').map(Number);
  if (na.every(Number.isFinite) && nb.every(Number.isFinite) && na.length === nb.length) {
    for (let i = 0; i < na.length; i++) if (na[i] !== nb[i]) return na[i] - nb[i];
    return 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function elements(items: string[]): string[] {
  if (!items.length) return [];
  return ['elements = {', ...items.map((e, i) => `  ${e}${i < items.length - 1 ? ',' : ''}`), '}'];
}

function block(head: string, lines: string[]): string {
  return [`  ${head} {`, ...lines.map((l) => `    ${l}`), '  }'].join('\n');
}
