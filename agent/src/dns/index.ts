export { ClusterDns, type ClusterDnsOptions } from './cluster-dns';
export { DnsServer, type DnsServerOptions } from './server';
export { ClusterZone } from './zone';
export { answer } from './answer';
export { dnsQuery } from './client';
export { forward, parseUpstream, type Upstream } from './forward';
export { parseResolvConf, podResolvConf, podResolvSettings, type DnsPolicy, type PodDnsConfig, type ResolvConf } from './resolv-conf';
