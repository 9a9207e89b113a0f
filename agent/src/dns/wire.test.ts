import { describe, expect, it } from 'vitest';
import { decode, encode, FLAG, type Message, nameBytes, TYPE, WireError } from './wire';

describe('DNS wire format', () => {
  it('writes and reads back every record type the server uses', () => {
    const msg: Message = {
      id: 0xbeef,
      flags: FLAG.QR | FLAG.AA | FLAG.RD | 3,
      questions: [{ name: 'web.default.svc.cluster.local', type: TYPE.SRV, class: 1 }],
      answers: [
        { name: 'a.example', ttl: 5, type: TYPE.A, data: '10.96.0.10' },
        { name: 'a.example', ttl: 5, type: TYPE.AAAA, data: 'fd00::a' },
        { name: 'x.example', ttl: 5, type: TYPE.CNAME, data: 'a.example' },
        { name: '10.0.96.10.in-addr.arpa', ttl: 5, type: TYPE.PTR, data: 'web.default.svc.cluster.local' },
        { name: '_http._tcp.web', ttl: 5, type: TYPE.SRV, data: { priority: 0, weight: 50, port: 8080, target: 'pod-0.web' } },
      ],
      authority: [{ name: 'cluster.local', ttl: 5, type: TYPE.SOA, data: { mname: 'ns.dns.cluster.local', rname: 'hostmaster.cluster.local', serial: 7, refresh: 7200, retry: 1800, expire: 86400, minimum: 5 } }],
      additional: [{ name: 'cluster.local', ttl: 5, type: TYPE.NS, data: 'ns.dns.cluster.local' }],
      udpSize: 1232,
    };
    expect(decode(encode(msg))).toEqual(msg);
  });

  it('compresses nothing but reads compressed names', () => {
    // Question "a.example", answer name = pointer to offset 12 (the question name).
    const q = Buffer.concat([Buffer.from([0, 1, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]), nameBytes('a.example'), Buffer.from([0, 1, 0, 1])]);
    const rr = Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, 1, 2, 3, 4]);
    const msg = decode(Buffer.concat([q, rr]));
    expect(msg.answers).toEqual([{ name: 'a.example', ttl: 30, type: TYPE.A, data: '1.2.3.4' }]);
  });

  it('refuses a pointer loop and a truncated packet instead of hanging or reading past the end', () => {
    const loop = Buffer.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1]);
    expect(() => decode(loop)).toThrow(WireError);
    expect(() => decode(Buffer.from([0, 1, 0, 0, 0, 1]))).toThrow(WireError);
    expect(() => decode(Buffer.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 97]))).toThrow(WireError);
  });
});
