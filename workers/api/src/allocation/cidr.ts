// IPv4 CIDR arithmetic for the service range.

export interface Cidr {
  base: number; // network address as an unsigned 32-bit integer
  size: number; // number of addresses
  text: string;
}

export function parseCidr(text: string): Cidr {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!m) throw new Error(`invalid IPv4 CIDR ${JSON.stringify(text)}`);
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 30 || bits < 8) throw new Error(`invalid IPv4 CIDR ${JSON.stringify(text)}`);
  const size = 2 ** (32 - bits);
  const ip = octets.reduce((a, o) => a * 256 + o, 0);
  return { base: ip - (ip % size), size, text: text.trim() };
}

export function ipToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((a, o) => a * 256 + o, 0);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function contains(c: Cidr, ip: string): boolean {
  const n = ipToInt(ip);
  return n !== undefined && n >= c.base && n < c.base + c.size;
}

/** The address reserved for the `kubernetes` Service: the first usable one. */
export function firstAddress(c: Cidr): string {
  return intToIp(c.base + 1);
}

/** A random usable address, never the network, broadcast or reserved first address. */
export function randomAddress(c: Cidr): string {
  const span = c.size - 3;
  const r = crypto.getRandomValues(new Uint32Array(1))[0] % span;
  return intToIp(c.base + 2 + r);
}
