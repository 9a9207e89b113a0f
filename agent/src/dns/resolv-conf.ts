// resolv.conf: reading the host's (where forwarded queries go, and what dnsPolicy Default copies) and
// writing a pod's, following the kubelet: ClusterFirst puts the cluster DNS first with the search path
// <ns>.svc.<zone> svc.<zone> <zone> (then the host's) and ndots:5; a hostNetwork pod with ClusterFirst
// gets Default unless it says ClusterFirstWithHostNet; None starts empty; dnsConfig is merged last.

export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  /** As written: "ndots:5", "edns0", ... */
  options: string[];
}

export function parseResolvConf(text: string): ResolvConf {
  const conf: ResolvConf = { nameservers: [], searches: [], options: [] };
  for (const raw of text.split('\n')) {
    const [key, ...rest] = raw.replace(/[#;].*$/, '').trim().split(/\s+/);
    if (key === 'nameserver' && rest[0]) conf.nameservers.push(rest[0]);
    // The last search or domain line wins, as in the C resolver.
    else if (key === 'search' || key === 'domain') conf.searches = rest.filter(Boolean);
    else if (key === 'options') conf.options.push(...rest.filter(Boolean));
  }
  return conf;
}

export type DnsPolicy = 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';

export interface PodDnsConfig {
  nameservers?: string[];
  searches?: string[];
  options?: { name?: string; value?: string }[];
}

export interface PodResolvInput {
  namespace: string;
  dnsPolicy?: DnsPolicy;
  hostNetwork?: boolean;
  dnsConfig?: PodDnsConfig;
  /** The cluster DNS server addresses (kubelet's --cluster-dns). */
  clusterDNS: string[];
  clusterDomain?: string;
  host: ResolvConf;
}

/** The kubelet's limits: the C resolver reads three nameservers; search lists are capped. */
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;

export function podResolvConf(input: PodResolvInput): string {
  return format(podResolv(input));
}

/**
 * The pod's resolver settings as data (what a container runtime takes as Dns/DnsSearch/DnsOptions), or
 * undefined when the pod just gets the host's file (Default, or ClusterFirst without a cluster DNS, and
 * no dnsConfig): the runtime then copies the host's resolv.conf itself.
 */
export function podResolvSettings(input: PodResolvInput): ResolvConf | undefined {
  const policy = input.dnsPolicy ?? 'ClusterFirst';
  const clusterFirst = (policy === 'ClusterFirst' && !input.hostNetwork) || policy === 'ClusterFirstWithHostNet';
  if (!input.dnsConfig && policy !== 'None' && !(clusterFirst && input.clusterDNS.length)) return undefined;
  return podResolv(input);
}

function podResolv(input: PodResolvInput): ResolvConf {
  const domain = (input.clusterDomain ?? 'cluster.local').replace(/\.$/, '');
  const policy = input.dnsPolicy ?? 'ClusterFirst';
  let conf: ResolvConf;
  const clusterFirst = (policy === 'ClusterFirst' && !input.hostNetwork) || policy === 'ClusterFirstWithHostNet';
  if (policy === 'None') conf = { nameservers: [], searches: [], options: [] };
  else if (clusterFirst && input.clusterDNS.length) {
    conf = {
      nameservers: [...input.clusterDNS],
      searches: [`${input.namespace}.svc.${domain}`, `svc.${domain}`, domain, ...input.host.searches],
      options: ['ndots:5'],
    };
  } else {
    // Default, a host-network pod with ClusterFirst, or no cluster DNS configured: the host's file.
    conf = { nameservers: [...input.host.nameservers], searches: [...input.host.searches], options: [...input.host.options] };
  }
  if (input.dnsConfig) conf = merge(conf, input.dnsConfig);
  return { ...conf, nameservers: conf.nameservers.slice(0, MAX_NAMESERVERS), searches: unique(conf.searches).slice(0, MAX_SEARCHES) };
}

/** dnsConfig adds nameservers and searches (no duplicates); an option it names replaces the old one. */
function merge(conf: ResolvConf, extra: PodDnsConfig): ResolvConf {
  const options = new Map<string, string>();
  for (const o of conf.options) options.set(o.split(':')[0], o);
  for (const o of extra.options ?? []) if (o.name) options.set(o.name, o.value !== undefined && o.value !== '' ? `${o.name}:${o.value}` : o.name);
  return {
    nameservers: unique([...conf.nameservers, ...(extra.nameservers ?? [])]),
    searches: unique([...conf.searches, ...(extra.searches ?? [])]),
    options: [...options.values()],
  };
}

const unique = (xs: string[]) => [...new Set(xs)];

/** The layout container runtimes write: search, then nameservers, then options. */
function format(conf: ResolvConf): string {
  const lines: string[] = [];
  if (conf.searches.length) lines.push(`search ${conf.searches.join(' ')}`);
  for (const ns of conf.nameservers) lines.push(`nameserver ${ns}`);
  if (conf.options.length) lines.push(`options ${conf.options.join(' ')}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
