// The cluster DNS server on loopback, asked with real packets: our own stub client over UDP and TCP,
// and busybox's nslookup (a client we did not write) where it is installed.
import { execFile } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsQuery } from '../agent/src/dns/client';
import { DnsServer } from '../agent/src/dns/server';
import { decode, encode, FLAG, RCODE, rcodeOf, TYPE } from '../agent/src/dns/wire';
import { ep, slice, svc } from '../agent/src/proxy/fixtures.testing';

const run = promisify(execFile);
// A loopback address of our own, so port 53 (which busybox nslookup insists on) is free for us.
const host = `127.53.${randomInt(1, 250)}.${randomInt(1, 250)}`;

/** A stand-in for the host's resolver: answers every A question with 192.0.2.1. */
let upstream: Socket;
let upstreamPort = 0;
let server: DnsServer;

// 20 A records: more than 512 bytes, less than the 1232 we send to EDNS clients.
const many = Array.from({ length: 20 }, (_, i) => ep(`10.244.1.${i + 1}`, 'n', undefined, `w-${i}`));

beforeAll(async () => {
  upstream = createSocket('udp4');
  upstream.on('message', (msg, rinfo) => {
    const q = decode(msg);
    const reply = { ...q, flags: FLAG.QR | FLAG.RD | FLAG.RA, answers: [{ name: q.questions[0].name, ttl: 60, type: TYPE.A, data: '192.0.2.1' } as const] };
    upstream.send(encode(reply), rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => upstream.bind(0, '127.0.0.1', () => r()));
  upstreamPort = upstream.address().port;

  server = new DnsServer({ host, port: 53, upstreams: [{ host: '127.0.0.1', port: upstreamPort }], forwardTimeoutMs: 500 });
  server.update(
    [svc('web', { clusterIP: '10.96.0.10', ports: [{ name: 'http', port: 80 }] }), svc('big', { clusterIP: 'None', ports: [{ name: 'p', port: 7000 }] })],
    [slice('web', [{ name: 'http', port: 8080 }], [ep('10.244.0.2')]), slice('big', [{ name: 'p', port: 7000 }], many)],
  );
  await server.start();
});

afterAll(async () => {
  await server?.stop();
  upstream?.close();
});

const at = () => ({ host, port: server.port });

describe('cluster DNS server on loopback', () => {
  it('answers a Service name over UDP and over TCP', async () => {
    for (const tcp of [false, true]) {
      const m = await dnsQuery(at(), 'web.default.svc.cluster.local', TYPE.A, { tcp });
      expect(rcodeOf(m.flags)).toBe(RCODE.NOERROR);
      expect(m.answers.map((a) => a.data)).toEqual(['10.96.0.10']);
    }
  });

  it('answers SRV and NXDOMAIN with the SOA', async () => {
    const srv = await dnsQuery(at(), '_http._tcp.web.default.svc.cluster.local', TYPE.SRV);
    expect(srv.answers.map((a) => a.data)).toEqual([{ priority: 0, weight: 100, port: 80, target: 'web.default.svc.cluster.local' }]);
    const nx = await dnsQuery(at(), 'nope.default.svc.cluster.local', TYPE.A);
    expect(rcodeOf(nx.flags)).toBe(RCODE.NXDOMAIN);
    expect(nx.authority.map((a) => a.type)).toEqual([TYPE.SOA]);
  });

  it('truncates a large UDP answer (TC) and gives it whole over TCP or with EDNS', async () => {
    const udp = await dnsQuery(at(), 'big.default.svc.cluster.local', TYPE.A);
    expect(udp.flags & FLAG.TC).toBe(FLAG.TC);
    expect(udp.answers).toEqual([]);
    expect((await dnsQuery(at(), 'big.default.svc.cluster.local', TYPE.A, { tcp: true })).answers).toHaveLength(20);
    expect((await dnsQuery(at(), 'big.default.svc.cluster.local', TYPE.A, { udpSize: 4096 })).answers).toHaveLength(20);
  });

  it('forwards other names to the upstream resolver', async () => {
    const m = await dnsQuery(at(), 'www.example.test', TYPE.A);
    expect(m.answers.map((a) => a.data)).toEqual(['192.0.2.1']);
    const tcp = await dnsQuery(at(), 'www.example.test', TYPE.A, { tcp: true, timeoutMs: 3000 });
    // The stand-in upstream speaks UDP only: over TCP the forward fails and the client gets SERVFAIL.
    expect(rcodeOf(tcp.flags)).toBe(RCODE.SERVFAIL);
  });

  it('answers SERVFAIL when the upstream does not answer in time', async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', () => r()));
    const lonely = new DnsServer({ host: '127.0.0.1', port: 0, upstreams: [{ host: '127.0.0.1', port: silent.address().port }], forwardTimeoutMs: 200 });
    await lonely.start();
    try {
      const m = await dnsQuery({ host: '127.0.0.1', port: lonely.port }, 'www.example.test', TYPE.A);
      expect(rcodeOf(m.flags)).toBe(RCODE.SERVFAIL);
      expect(m.questions.map((q) => q.name)).toEqual(['www.example.test']);
    } finally {
      await lonely.stop();
      silent.close();
    }
  });

  it('answers a malformed query with FORMERR', async () => {
    const sock = createSocket('udp4');
    const reply = await new Promise<Buffer>((resolve) => {
      sock.on('message', (m) => resolve(m));
      sock.send(Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 9, 1]), server.port, host);
    });
    sock.close();
    expect(reply.readUInt16BE(0)).toBe(0x1234);
    expect(rcodeOf(reply.readUInt16BE(2))).toBe(RCODE.FORMERR);
  });

  it('is understood by busybox nslookup', async () => {
    const out = await run('busybox', ['nslookup', 'web.default.svc.cluster.local', host]).then((r) => r.stdout);
    expect(out).toContain('Address: 10.96.0.10');
    const srv = await run('busybox', ['nslookup', '-type=srv', '_http._tcp.web.default.svc.cluster.local', host]).then((r) => r.stdout);
    expect(srv).toMatch(/0 100 80 web\.default\.svc\.cluster\.local/);
  });

  it('serves many queries (throughput printed, not asserted)', async () => {
    const sock = createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    const total = 20_000;
    const window = 64;
    const q = (id: number) => encode({ id, flags: FLAG.RD, questions: [{ name: 'web.default.svc.cluster.local', type: TYPE.A, class: 1 }], answers: [], authority: [], additional: [] });
    let sent = 0;
    let received = 0;
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const next = () => sock.send(q(sent++ & 0xffff), server.port, host);
      sock.on('message', () => {
        received++;
        if (received === total) resolve();
        else if (sent < total) next();
      });
      for (let i = 0; i < window; i++) next();
    });
    const secs = (performance.now() - started) / 1000;
    sock.close();
    console.log(`[dns] ${total} UDP queries, ${window} in flight: ${Math.round(total / secs)} queries/s`);
    expect(received).toBe(total);
  });
});
