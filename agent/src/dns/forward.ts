// Forwards queries outside the cluster zone to the host's resolvers (from /etc/resolv.conf), one after
// another, each with a timeout; the caller answers SERVFAIL if none replies. The query bytes go out
// unchanged, so the upstream's reply (same id) goes back to the client as it is.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

export interface Upstream {
  host: string;
  port: number;
}

export interface ForwardOptions {
  timeoutMs?: number;
  /** Use TCP (a client that asked over TCP, or a UDP reply that came back truncated). */
  tcp?: boolean;
}

/** "1.2.3.4", "1.2.3.4:5353" or "[::1]:53" → an upstream; port 53 unless given. */
export function parseUpstream(s: string): Upstream {
  const m = /^\[(.+)\]:(\d+)$/.exec(s) ?? /^([^:]+):(\d+)$/.exec(s);
  return m ? { host: m[1], port: Number(m[2]) } : { host: s, port: 53 };
}

/** The first reply from the upstreams in order, or null when every one failed or timed out. */
export async function forward(query: Buffer, upstreams: Upstream[], opts: ForwardOptions = {}): Promise<Buffer | null> {
  for (const up of upstreams) {
    try {
      let reply = opts.tcp ? await viaTcp(query, up, opts.timeoutMs ?? 2000) : await viaUdp(query, up, opts.timeoutMs ?? 2000);
      // TC: the answer did not fit in a datagram; ask again over TCP.
      if (!opts.tcp && reply.length >= 4 && reply[2] & 0x02) reply = await viaTcp(query, up, opts.timeoutMs ?? 2000);
      return reply;
    } catch {
      // next upstream
    }
  }
  return null;
}

function viaUdp(query: Buffer, up: Upstream, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = createSocket(up.host.includes(':') ? 'udp6' : 'udp4');
    const timer = setTimeout(() => done(new Error('timeout')), timeoutMs);
    const id = query.readUInt16BE(0);
    function done(err: Error | null, msg?: Buffer) {
      clearTimeout(timer);
      sock.close();
      if (err) reject(err);
      else resolve(msg!);
    }
    sock.on('error', (e) => done(e));
    // Only a reply with our id from the address we asked counts (a stray datagram is ignored).
    sock.on('message', (msg, rinfo) => {
      if (msg.length >= 2 && msg.readUInt16BE(0) === id && rinfo.port === up.port) done(null, msg);
    });
    sock.send(query, up.port, up.host);
  });
}

function viaTcp(query: Buffer, up: Upstream, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: up.host, port: up.port });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => fail(new Error('timeout')), timeoutMs);
    function fail(e: Error) {
      clearTimeout(timer);
      sock.destroy();
      reject(e);
    }
    sock.on('error', fail);
    sock.on('connect', () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(query.length);
      sock.write(Buffer.concat([len, query]));
    });
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        clearTimeout(timer);
        sock.destroy();
        resolve(buf.subarray(2, 2 + buf.readUInt16BE(0)));
      }
    });
    sock.on('end', () => fail(new Error('closed before a full reply')));
  });
}
