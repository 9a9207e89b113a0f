// IP, CIDR and port checks worded as upstream's k8s.io/apimachinery/pkg/util/validation.
// Shared with discovery (EndpointSlice addresses).

const ipv4Re = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIPv4(v: string): boolean {
  return ipv4Re.test(v);
}

export function isIPv6(v: string): boolean {
  if (!v.includes(':') || v.includes('%')) return false;
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  let s = v;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return false;
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const all = halves.flatMap(groups);
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? all.length < 8 : all.length === 8;
}

export const isIP = (v: string) => isIPv4(v) || isIPv6(v);

/** Returns problems with an IP address, [] when valid. */
export function ipProblems(v: string): string[] {
  return isIP(v) ? [] : ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'];
}

export interface Cidr {
  v6: boolean;
  bits: bigint;
  prefix: number;
}

function ipBits(ip: string): bigint {
  if (isIPv4(ip)) return ip.split('.').reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n);
  let s = ip;
  const tail = s.slice(s.lastIndexOf(':') + 1);
  if (tail.includes('.')) {
    const b = ipBits(tail);
    s = `${s.slice(0, s.lastIndexOf(':') + 1)}${(b >> 16n).toString(16)}:${(b & 0xffffn).toString(16)}`;
  }
  const [head, rest] = s.split('::');
  const h = head ? head.split(':') : [];
  const r = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const fill = rest !== undefined ? Array(8 - h.length - r.length).fill('0') : [];
  return [...h, ...fill, ...r].reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

export function parseCidr(v: string): Cidr | undefined {
  const [ip, p, more] = v.split('/');
  if (more !== undefined || p === undefined || !/^\d{1,3}$/.test(p) || !isIP(ip)) return undefined;
  const v6 = !isIPv4(ip);
  const prefix = Number(p);
  if (prefix > (v6 ? 128 : 32)) return undefined;
  return { v6, bits: ipBits(ip), prefix };
}

export function cidrProblems(v: string): string[] {
  return parseCidr(v) ? [] : ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'];
}

/** True when `inner` lies entirely within `outer` (same family, longer or equal prefix). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.v6 !== inner.v6 || inner.prefix < outer.prefix) return false;
  const width = outer.v6 ? 128n : 32n;
  const shift = width - BigInt(outer.prefix);
  return outer.bits >> shift === inner.bits >> shift;
}

export function portNumberProblems(n: number): string[] {
  return n >= 1 && n <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

/** An IANA service name, as used for named ports. */
export function portNameProblems(v: string): string[] {
  const out: string[] = [];
  if (v.length > 15) out.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(v)) out.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(v)) out.push('must contain at least one letter (a-z)');
  if (v.includes('--')) out.push('must not contain consecutive hyphens');
  if (v.startsWith('-') || v.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}
