// A minimal stub resolver call: one question to one server over UDP or TCP. Used by tests, the
// benchmark and health checks of the node's own DNS server.
import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { type Upstream, forward } from './forward';
import { decode, encode, FLAG, type Message } from './wire';

export interface QueryOptions {
  tcp?: boolean;
  timeoutMs?: number;
  /** Announce EDNS with this UDP payload size. */
  udpSize?: number;
}

export async function dnsQuery(server: Upstream, name: string, type: number, opts: QueryOptions = {}): Promise<Message> {
  const query = encode({
    id: randomInt(0, 0x10000),
    flags: FLAG.RD,
    questions: [{ name, type, class: 1 }],
    answers: [],
    authority: [],
    additional: [],
    ...(opts.udpSize ? { udpSize: opts.udpSize } : {}),
  });
  // forward() already does one exchange with a timeout; without TCP it would also retry a truncated
  // reply over TCP, which a caller testing truncation must see, so it asks for plain UDP here.
  const reply = opts.tcp ? await forward(query, [server], { tcp: true, timeoutMs: opts.timeoutMs }) : await udpOnce(query, server, opts.timeoutMs ?? 2000);
  if (!reply) throw new Error(`no answer from ${server.host}:${server.port}`);
  return decode(reply);
}

function udpOnce(query: Buffer, server: Upstream, timeoutMs: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const sock = createSocket(server.host.includes(':') ? 'udp6' : 'udp4');
    const timer = setTimeout(() => finish(null), timeoutMs);
    function finish(b: Buffer | null) {
      clearTimeout(timer);
      sock.close();
      resolve(b);
    }
    sock.on('error', () => finish(null));
    sock.on('message', (msg) => finish(msg));
    sock.send(query, server.port, server.host);
  });
}
