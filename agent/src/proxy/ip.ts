// IPv4 helpers: the proxy programs an `ip` family table, so IPv6 addresses are left out (see README).
// Both run for every endpoint on every sync, so they avoid allocating.
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIPv4(s: string): boolean {
  return IPV4.test(s);
}

/** Numeric order, so 10.0.0.9 sorts before 10.0.0.10 and golden output reads naturally. */
export function compareIPv4(a: string, b: string): number {
  return toNumber(a) - toNumber(b);
}

function toNumber(ip: string): number {
  let n = 0;
  let octet = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      n = n * 256 + octet;
      octet = 0;
    } else octet = octet * 10 + (c - 48);
  }
  return n * 256 + octet;
}
