// Address checks for EndpointSlices: endpoints may not point at special-purpose ranges, and FQDN
// endpoints need a real multi-label domain.
import { dns1123Subdomain } from '../../validation/names';
import { cidrContains, parseCidr } from '../networking/net';

const SPECIAL: { cidr: string; msg: string }[] = [
  { cidr: '0.0.0.0/32', msg: 'may not be unspecified (0.0.0.0)' },
  { cidr: '::/128', msg: 'may not be unspecified (::)' },
  { cidr: '127.0.0.0/8', msg: 'may not be in the loopback range (127.0.0.0/8, ::1/128)' },
  { cidr: '::1/128', msg: 'may not be in the loopback range (127.0.0.0/8, ::1/128)' },
  { cidr: '169.254.0.0/16', msg: 'may not be in the link-local range (169.254.0.0/16, fe80::/10)' },
  { cidr: 'fe80::/10', msg: 'may not be in the link-local range (169.254.0.0/16, fe80::/10)' },
  { cidr: '224.0.0.0/24', msg: 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)' },
  { cidr: 'ff02::/16', msg: 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)' },
];

export function endpointIPProblems(ip: string): string[] {
  const self = parseCidr(`${ip}/${ip.includes(':') ? 128 : 32}`);
  if (!self) return [];
  return SPECIAL.filter((s) => cidrContains(parseCidr(s.cidr)!, self)).map((s) => s.msg);
}

export function fqdnProblems(v: string): string[] {
  const name = v.endsWith('.') ? v.slice(0, -1) : v;
  const out = dns1123Subdomain(name);
  if (!name.includes('.')) out.push('should be a domain with at least two segments separated by dots');
  return out;
}
