// ipBlock arithmetic: a rule's ipBlocks (each a CIDR minus its `except` holes) become one list of
// disjoint CIDRs, the elements of an nftables interval set (which refuses overlapping elements).
// IPv4 only, like the rest of the agent's tables; IPv6 blocks are left out.
import { isIPv4 } from '../proxy/ip';

export interface IPBlock {
  cidr: string;
  except?: string[];
}

type Range = [start: number, end: number]; // inclusive, as unsigned 32-bit numbers

function toNumber(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

function toIP(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** "10.0.0.0/8" → its range; undefined for IPv6 or anything malformed (the API validated it). */
export function cidrRange(cidr: string): Range | undefined {
  const [ip, bits = '32'] = cidr.split('/');
  const prefix = Number(bits);
  if (!isIPv4(ip) || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const start = Math.floor(toNumber(ip) / size) * size; // host bits cleared, as the kernel would
  return [start, start + size - 1];
}

function subtract(ranges: Range[], hole: Range): Range[] {
  const out: Range[] = [];
  for (const [s, e] of ranges) {
    if (hole[1] < s || hole[0] > e) out.push([s, e]);
    else {
      if (s < hole[0]) out.push([s, hole[0] - 1]);
      if (hole[1] < e) out.push([hole[1] + 1, e]);
    }
  }
  return out;
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** The fewest CIDRs covering exactly [s, e]. */
function toCidrs([s, e]: Range): string[] {
  const out: string[] = [];
  while (s <= e) {
    let size = s === 0 ? 2 ** 32 : 2 ** Math.min(32, countTrailingZeros(s));
    while (s + size - 1 > e) size /= 2;
    out.push(`${toIP(s)}/${32 - Math.log2(size)}`);
    s += size;
  }
  return out;
}

function countTrailingZeros(n: number): number {
  let c = 0;
  while (c < 32 && n % 2 ** (c + 1) === 0) c++;
  return c;
}

/** The addresses the blocks allow, as disjoint CIDRs in address order. */
export function blockCidrs(blocks: IPBlock[]): string[] {
  const ranges: Range[] = [];
  for (const b of blocks) {
    const outer = cidrRange(b.cidr);
    if (!outer) continue;
    let parts: Range[] = [outer];
    for (const ex of b.except ?? []) {
      const hole = cidrRange(ex);
      if (hole) parts = subtract(parts, hole);
    }
    ranges.push(...parts);
  }
  return merge(ranges).flatMap(toCidrs);
}
