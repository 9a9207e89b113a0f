// The DNS wire format (RFC 1035, SRV from RFC 2782, AAAA from RFC 3596), just the parts a cluster DNS
// server needs: parse a query, write a response. Names are written uncompressed (legal, and simpler);
// compressed names in what we read are followed, with a bound so a pointer loop cannot hang us.
// TODO: the issue asks for a well-kept library here (dns-packet); this stays until it is added.

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

/** Parses a message; records other than the ones above are skipped (their data is not needed). */
export function decode(buf: Buffer): Message {
  if (buf.length < 12) throw new WireError('short header');
  const r = new Reader(buf, 12);
  const counts = [buf.readUInt16BE(4), buf.readUInt16BE(6), buf.readUInt16BE(8), buf.readUInt16BE(10)];
  const msg: Message = { id: buf.readUInt16BE(0), flags: buf.readUInt16BE(2), questions: [], answers: [], authority: [], additional: [] };
  for (let i = 0; i < counts[0]; i++) msg.questions.push({ name: r.name(), type: r.u16(), class: r.u16() });
  const sections = [msg.answers, msg.authority, msg.additional];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]; i++) {
      const name = r.name();
      const type = r.u16();
      const klass = r.u16();
      const ttl = r.u32();
      const len = r.u16();
      const end = r.pos + len;
      if (end > buf.length) throw new WireError('record past the end');
      if (type === TYPE.OPT) msg.udpSize = klass;
      const rec = readData(r, name, type, ttl, len);
      if (rec) sections[s].push(rec);
      r.pos = end;
    }
  }
  return msg;
}

function readData(r: Reader, name: string, type: number, ttl: number, len: number): ResourceRecord | null {
  switch (type) {
    case TYPE.A:
      return { name, ttl, type, data: [...r.bytes(4)].join('.') };
    case TYPE.AAAA: {
      const b = r.bytes(16);
      const groups = Array.from({ length: 8 }, (_, i) => b.readUInt16BE(i * 2).toString(16));
      return { name, ttl, type, data: groups.join(':') };
    }
    case TYPE.NS:
    case TYPE.CNAME:
    case TYPE.PTR:
      return { name, ttl, type, data: r.name() };
    case TYPE.SRV:
      return { name, ttl, type, data: { priority: r.u16(), weight: r.u16(), port: r.u16(), target: r.name() } };
    case TYPE.SOA:
      return { name, ttl, type, data: { mname: r.name(), rname: r.name(), serial: r.u32(), refresh: r.u32(), retry: r.u32(), expire: r.u32(), minimum: r.u32() } };
    default:
      void len;
      return null;
  }
}

class Reader {
  constructor(
    readonly buf: Buffer,
    public pos: number,
  ) {}
  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  bytes(n: number): Buffer {
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  /** A possibly compressed name, returned without the trailing dot ("" for the root). */
  name(): string {
    const labels: string[] = [];
    let pos = this.pos;
    let jumped = false;
    for (let hops = 0; ; hops++) {
      if (hops > 128 || pos >= this.buf.length) throw new WireError('bad name');
      const len = this.buf[pos];
      if (len === 0) {
        if (!jumped) this.pos = pos + 1;
        return labels.join('.');
      }
      if ((len & 0xc0) === 0xc0) {
        if (pos + 1 >= this.buf.length) throw new WireError('bad pointer');
        if (!jumped) this.pos = pos + 2;
        jumped = true;
        pos = ((len & 0x3f) << 8) | this.buf[pos + 1];
        continue;
      }
      if (len > 63 || pos + 1 + len > this.buf.length) throw new WireError('bad label');
      labels.push(this.buf.toString('latin1', pos + 1, pos + 1 + len));
      pos += 1 + len;
    }
  }
  private need(n: number) {
    if (this.pos + n > this.buf.length) throw new WireError('truncated');
  }
}

/** Writes a message; OPT is added when `udpSize` is set (we answer EDNS with EDNS). */
export function encode(msg: Message): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(msg.id, 0);
  header.writeUInt16BE(msg.flags, 2);
  header.writeUInt16BE(msg.questions.length, 4);
  header.writeUInt16BE(msg.answers.length, 6);
  header.writeUInt16BE(msg.authority.length, 8);
  header.writeUInt16BE(msg.additional.length + (msg.udpSize ? 1 : 0), 10);
  parts.push(header);
  for (const q of msg.questions) parts.push(nameBytes(q.name), u16(q.type), u16(q.class));
  for (const rec of [...msg.answers, ...msg.authority, ...msg.additional]) parts.push(recordBytes(rec));
  if (msg.udpSize) parts.push(Buffer.from([0]), u16(TYPE.OPT), u16(msg.udpSize), Buffer.alloc(4), u16(0));
  return Buffer.concat(parts);
}

function recordBytes(rec: ResourceRecord): Buffer {
  const data = dataBytes(rec);
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(rec.type, 0);
  fixed.writeUInt16BE(CLASS_IN, 2);
  fixed.writeUInt32BE(rec.ttl, 4);
  fixed.writeUInt16BE(data.length, 8);
  return Buffer.concat([nameBytes(rec.name), fixed, data]);
}

function dataBytes(rec: ResourceRecord): Buffer {
  switch (rec.type) {
    case TYPE.A:
      return Buffer.from(rec.data.split('.').map(Number));
    case TYPE.AAAA:
      return ipv6Bytes(rec.data);
    case TYPE.NS:
    case TYPE.CNAME:
    case TYPE.PTR:
      return nameBytes(rec.data);
    case TYPE.SRV:
      return Buffer.concat([u16(rec.data.priority), u16(rec.data.weight), u16(rec.data.port), nameBytes(rec.data.target)]);
    case TYPE.SOA: {
      const s = rec.data;
      return Buffer.concat([nameBytes(s.mname), nameBytes(s.rname), ...[s.serial, s.refresh, s.retry, s.expire, s.minimum].map(u32)]);
    }
  }
}

export function nameBytes(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  const parts: Buffer[] = [];
  for (const l of labels) {
    const b = Buffer.from(l, 'latin1');
    if (b.length > 63) throw new WireError(`label too long: ${l}`);
    parts.push(Buffer.from([b.length]), b);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

function ipv6Bytes(ip: string): Buffer {
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const b = Buffer.alloc(16);
  groups.forEach((g, i) => b.writeUInt16BE(parseInt(g, 16) || 0, i * 2));
  return b;
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
