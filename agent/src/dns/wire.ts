// The DNS wire format, through dns-packet (a well-kept library: RFC 1035, SRV from RFC 2782, AAAA from
// RFC 3596, EDNS OPT from RFC 6891). This file only maps between dns-packet's packets and the small
// message shape the server works with: numeric types and flags, the record types a cluster DNS server
// answers with (A, AAAA, NS, CNAME, PTR, SRV, SOA), and EDNS reduced to the client's UDP payload size.
import dnsPacket from 'dns-packet';

export const TYPE = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, TXT: 16, AAAA: 28, SRV: 33, OPT: 41, ANY: 255 } as const;
export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
export const CLASS_IN = 1;

export interface Question {
  name: string;
  type: number;
  class: number;
}

export interface Soa {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

export interface Srv {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

/** One resource record; `data` is an address for A/AAAA, a name for NS/CNAME/PTR. */
export type ResourceRecord =
  | { name: string; ttl: number; type: typeof TYPE.A | typeof TYPE.AAAA | typeof TYPE.NS | typeof TYPE.CNAME | typeof TYPE.PTR; data: string }
  | { name: string; ttl: number; type: typeof TYPE.SRV; data: Srv }
  | { name: string; ttl: number; type: typeof TYPE.SOA; data: Soa };

export interface Message {
  id: number;
  /** QR, opcode, AA, TC, RD, RA and rcode, as in the header's second word. */
  flags: number;
  questions: Question[];
  answers: ResourceRecord[];
  authority: ResourceRecord[];
  additional: ResourceRecord[];
  /** The UDP payload size a client announced with EDNS (OPT), if it did. */
  udpSize?: number;
}

export const FLAG = { QR: 0x8000, AA: 0x0400, TC: 0x0200, RD: 0x0100, RA: 0x0080 } as const;
export const opcodeOf = (flags: number) => (flags >> 11) & 0xf;
export const rcodeOf = (flags: number) => flags & 0xf;

export class WireError extends Error {}

/** dns-packet names the types it knows; other types travel as UNKNOWN_<n>. */
const typeName = (t: number): string => {
  for (const [k, v] of Object.entries(TYPE)) if (v === t) return k;
  return `UNKNOWN_${t}`;
};
const typeNumber = (name: string): number => (name in TYPE ? TYPE[name as keyof typeof TYPE] : name.startsWith('UNKNOWN_') ? Number(name.slice(8)) : 0);
const CLASSES: Record<string, number> = { IN: 1, CS: 2, CH: 3, HS: 4, ANY: 255 };
const classNumber = (name: string | undefined): number => (name === undefined ? CLASS_IN : (CLASSES[name] ?? (name.startsWith('UNKNOWN_') ? Number(name.slice(8)) : 0)));
const className = (n: number): dnsPacket.RecordClass => (Object.keys(CLASSES).find((k) => CLASSES[k] === n) ?? 'IN') as dnsPacket.RecordClass;
/** dns-packet says "." for the root; we say "". */
const bare = (name: string) => (name === '.' ? '' : name.replace(/\.$/, ''));

/** Parses a message; records other than the ones above are skipped (their data is not needed). */
export function decode(buf: Buffer): Message {
  let p: dnsPacket.DecodedPacket;
  try {
    p = dnsPacket.decode(buf);
  } catch (e) {
    throw new WireError((e as Error).message);
  }
  const msg: Message = {
    id: p.id ?? 0,
    flags: buf.readUInt16BE(2),
    questions: (p.questions ?? []).map((q) => ({ name: bare(q.name), type: typeNumber(q.type), class: classNumber(q.class) })),
    answers: records(p.answers),
    authority: records(p.authorities),
    additional: records(p.additionals),
  };
  const opt = (p.additionals ?? []).find((a): a is dnsPacket.OptAnswer => a.type === 'OPT');
  if (opt) msg.udpSize = opt.udpPayloadSize;
  return msg;
}

function records(list: dnsPacket.Answer[] | undefined): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  for (const a of list ?? []) {
    if (a.type === 'OPT') continue;
    const name = bare(a.name);
    const ttl = a.ttl ?? 0;
    switch (a.type) {
      case 'A':
      case 'AAAA':
        out.push({ name, ttl, type: TYPE[a.type], data: a.data });
        break;
      case 'NS':
      case 'CNAME':
      case 'PTR':
        out.push({ name, ttl, type: TYPE[a.type], data: bare(a.data) });
        break;
      case 'SRV':
        out.push({ name, ttl, type: TYPE.SRV, data: { priority: a.data.priority ?? 0, weight: a.data.weight ?? 0, port: a.data.port, target: bare(a.data.target) } });
        break;
      case 'SOA': {
        const s = a.data;
        out.push({ name, ttl, type: TYPE.SOA, data: { mname: bare(s.mname), rname: bare(s.rname), serial: s.serial ?? 0, refresh: s.refresh ?? 0, retry: s.retry ?? 0, expire: s.expire ?? 0, minimum: s.minimum ?? 0 } });
        break;
      }
    }
  }
  return out;
}

/** Writes a message; OPT is added when `udpSize` is set (we answer EDNS with EDNS). */
export function encode(msg: Message): Buffer {
  for (const q of msg.questions) checkName(q.name);
  const all = [...msg.answers, ...msg.authority, ...msg.additional];
  for (const r of all) checkName(r.name);
  const additionals = msg.additional.map(answerOf);
  if (msg.udpSize) additionals.push({ name: '.', type: 'OPT', udpPayloadSize: msg.udpSize, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] });
  return dnsPacket.encode({
    id: msg.id,
    type: msg.flags & FLAG.QR ? 'response' : 'query',
    flags: msg.flags & 0x7fff,
    questions: msg.questions.map((q) => ({ name: q.name || '.', type: typeName(q.type) as dnsPacket.RecordType, class: className(q.class) })),
    answers: msg.answers.map(answerOf),
    authorities: msg.authority.map(answerOf),
    additionals,
  });
}

function answerOf(r: ResourceRecord): dnsPacket.Answer {
  const base = { name: r.name || '.', ttl: r.ttl, class: 'IN' as const };
  switch (r.type) {
    case TYPE.A:
      return { ...base, type: 'A', data: r.data };
    case TYPE.AAAA:
      return { ...base, type: 'AAAA', data: r.data };
    case TYPE.NS:
      return { ...base, type: 'NS', data: r.data };
    case TYPE.CNAME:
      return { ...base, type: 'CNAME', data: r.data };
    case TYPE.PTR:
      return { ...base, type: 'PTR', data: r.data };
    case TYPE.SRV:
      return { ...base, type: 'SRV', data: { ...r.data } };
    case TYPE.SOA:
      return { ...base, type: 'SOA', data: { ...r.data } };
  }
}

/** dns-packet writes what it is given; a label over 63 bytes would corrupt the message. */
function checkName(name: string): void {
  for (const l of name.replace(/\.$/, '').split('.')) if (Buffer.byteLength(l) > 63) throw new WireError(`label too long: ${l}`);
}

/** A name in wire form, uncompressed (tests build raw packets with it). */
export function nameBytes(name: string): Buffer {
  checkName(name);
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([...labels.flatMap((l) => [Buffer.from([Buffer.byteLength(l)]), Buffer.from(l)]), Buffer.from([0])]);
}
