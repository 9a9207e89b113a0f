// The node's cluster DNS server: UDP and TCP on one address and port. Names in the cluster zone (and
// PTR for cluster addresses) are answered from the in-memory zone; everything else is forwarded to
// the host's resolvers, and SERVFAIL comes back when none of them answers in time.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { EndpointSlice, Service } from '../proxy/types';
import { answer } from './answer';
import { forward, parseUpstream, type Upstream } from './forward';
import { parseResolvConf } from './resolv-conf';
import { decode, encode, FLAG, type Message, RCODE } from './wire';
import { ClusterZone } from './zone';

export interface DnsServerOptions {
  /** Listen address (default 127.0.0.1; a node serves its pods on the bridge address). */
  host?: string;
  /** 0 picks a free port (tests); default 53. */
  port?: number;
  domain?: string;
  /** Where other names go; default: the nameservers of /etc/resolv.conf. */
  upstreams?: Upstream[];
  forwardTimeoutMs?: number;
  ttl?: number;
  onError?(err: unknown): void;
}

/** Largest UDP answer we send to EDNS clients: fits the common 1280-byte IPv6 MTU path. */
const EDNS_SIZE = 1232;

export class DnsServer {
  private zone: ClusterZone;
  private serial = 1;
  private udp: UdpSocket | null = null;
  private tcp: Server | null = null;
  private readonly conns = new Set<Socket>();
  private readonly upstreams: Upstream[];
  private boundPort = 0;

  constructor(private readonly opts: DnsServerOptions = {}) {
    this.zone = new ClusterZone(opts.domain ?? 'cluster.local');
    this.upstreams = opts.upstreams ?? hostUpstreams();
  }

  get port(): number {
    return this.boundPort;
  }

  /** Replaces the zone's contents (called by the watcher on every change). */
  update(services: Service[], slices: EndpointSlice[]): void {
    this.zone = ClusterZone.build(this.opts.domain ?? 'cluster.local', services, slices);
    this.serial++;
  }

  async start(): Promise<void> {
    if (this.udp) return;
    const host = this.opts.host ?? '127.0.0.1';
    const udp = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(this.opts.port ?? 53, host, () => resolve());
    });
    this.boundPort = udp.address().port;
    udp.on('error', (e) => this.opts.onError?.(e));
    udp.on('message', (msg, rinfo) => {
      void this.handle(msg, false).then((reply) => reply && udp.send(reply, rinfo.port, rinfo.address));
    });
    this.udp = udp;
    const tcp = createServer((sock) => this.serveTcp(sock));
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(this.boundPort, host, () => resolve());
    });
    this.tcp = tcp;
  }

  async stop(): Promise<void> {
    const udp = this.udp;
    const tcp = this.tcp;
    this.udp = null;
    this.tcp = null;
    for (const c of this.conns) c.destroy();
    if (udp) await new Promise<void>((r) => udp.close(() => r()));
    if (tcp) await new Promise<void>((r) => tcp.close(() => r()));
  }

  /** One query in, one reply out (null: nothing can be said, e.g. not even a header). */
  async handle(packet: Buffer, overTcp: boolean): Promise<Buffer | null> {
    let query: Message;
    try {
      query = decode(packet);
    } catch {
      return packet.length >= 12 ? encode(failure(packet.readUInt16BE(0), packet.readUInt16BE(2), RCODE.FORMERR)) : null;
    }
    if (query.flags & FLAG.QR) return null; // a response sent to us: ignore
    const local = answer(this.zone, query, { ttl: this.opts.ttl, serial: this.serial });
    if (local) return this.fit({ ...local, udpSize: query.udpSize ? EDNS_SIZE : undefined }, overTcp, query.udpSize);
    const upstream = await forward(packet, this.upstreams, { timeoutMs: this.opts.forwardTimeoutMs, tcp: overTcp });
    return upstream ?? encode({ ...failure(query.id, query.flags, RCODE.SERVFAIL), questions: query.questions });
  }

  /** UDP answers larger than the client accepts are sent empty with TC set; it retries over TCP. */
  private fit(reply: Message, overTcp: boolean, clientSize?: number): Buffer {
    const out = encode(reply);
    const limit = clientSize ? Math.max(512, Math.min(clientSize, EDNS_SIZE)) : 512;
    if (overTcp || out.length <= limit) return out;
    return encode({ ...reply, flags: reply.flags | FLAG.TC, answers: [], authority: [], additional: [] });
  }

  /** TCP: each message has a two-byte length prefix; a connection may carry several queries. */
  private serveTcp(sock: Socket): void {
    this.conns.add(sock);
    let buf = Buffer.alloc(0);
    sock.setTimeout(10_000, () => sock.destroy());
    sock.on('close', () => this.conns.delete(sock));
    sock.on('error', () => sock.destroy());
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const msg = buf.subarray(2, 2 + buf.readUInt16BE(0));
        buf = buf.subarray(2 + msg.length);
        void this.handle(Buffer.from(msg), true).then((reply) => {
          if (!reply || sock.destroyed) return;
          const len = Buffer.alloc(2);
          len.writeUInt16BE(reply.length);
          sock.write(Buffer.concat([len, reply]));
        });
      }
    });
  }
}

function failure(id: number, queryFlags: number, rcode: number): Message {
  return { id, flags: FLAG.QR | (queryFlags & (FLAG.RD | 0x7800)) | FLAG.RA | rcode, questions: [], answers: [], authority: [], additional: [] };
}

function hostUpstreams(): Upstream[] {
  try {
    return parseResolvConf(readFileSync('/etc/resolv.conf', 'utf8')).nameservers.map(parseUpstream);
  } catch {
    return [];
  }
}
