// The proxy against real sockets on loopback: backends are small HTTP servers that echo what they got.
import http, { type Server } from 'node:http';
import https from 'node:https';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCa } from './certs.testing';
import { compileRoutes } from './compile';
import { ingress, tlsSecret } from './fixtures.testing';
import { IngressServer } from './server';
import type { EndpointSlice, Service } from './types';

const backends: Server[] = [];
let ports: number[] = [];
let server: IngressServer;
let httpPort = 0;
let httpsPort = 0;
const ca = testCa();
const certA = ca.sign(['a.example']);
const certB = ca.sign(['*.b.example']);

/** A backend that answers with its name and the request it saw, and echoes WebSocket-style upgrades. */
function backend(name: string): Promise<number> {
  const s = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => res.setHeader('set-cookie', ['a=1', 'b=2']).end(JSON.stringify({ name, url: req.url, method: req.method, headers: req.headers, body })));
  });
  s.on('upgrade', (req, socket) => {
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: ${req.headers.upgrade}\r\nConnection: Upgrade\r\n\r\n`);
    socket.on('data', (d) => socket.write(`${name}:${d}`));
  });
  backends.push(s);
  return new Promise((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)));
}

function svc(name: string, port: number, ips: string[]): { s: Service; sl: EndpointSlice } {
  return {
    s: { metadata: { name, namespace: 'default' }, spec: { ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } },
    sl: { metadata: { name: `${name}-1`, namespace: 'default', labels: { 'kubernetes.io/service-name': name } }, addressType: 'IPv4', ports: [{ name: 'http', port, protocol: 'TCP' }], endpoints: ips.map((ip) => ({ addresses: [ip] })) },
  };
}

function get(path: string, host: string, extra: http.RequestOptions = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: httpPort, path, headers: { host }, agent: false, ...extra }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(extra.method === 'POST' ? 'payload' : undefined);
  });
}

function getTls(servername: string | undefined, host: string): Promise<{ status: number; body: string; subject: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: httpsPort, path: '/c', headers: { host }, ca: ca.cert, servername, agent: false, ...(servername ? {} : { rejectUnauthorized: false }) }, (res) => {
      let body = '';
      const subject = String((res.socket as import('node:tls').TLSSocket).getPeerCertificate().subject?.CN);
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, subject }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  ports = [await backend('one'), await backend('two'), await backend('three')];
  // Service "ab": backends one and two (two slices, one endpoint each); "c": three; "empty": none.
  const ab1 = svc('ab', ports[0], ['127.0.0.1']);
  const ab2 = svc('ab', ports[1], ['127.0.0.1']);
  ab2.sl.metadata.name = 'ab-2';
  const c = svc('c', ports[2], ['127.0.0.1']);
  const empty = svc('empty', 1, []);
  const table = compileRoutes({
    ingresses: [
      ingress('web', [
        { host: 'a.example', paths: [{ path: '/ab', service: 'ab' }, { path: '/c', service: 'c' }, { path: '/empty', service: 'empty' }] },
        { host: 'x.b.example', paths: [{ path: '/', service: 'c' }] },
      ], { tls: [{ hosts: ['a.example'], secretName: 'a' }, { hosts: ['*.b.example'], secretName: 'b' }] }),
    ],
    services: [ab1.s, c.s, empty.s],
    endpointSlices: [ab1.sl, ab2.sl, c.sl, empty.sl],
    secrets: new Map([['default/a', tlsSecret('a', certA.cert, certA.key)], ['default/b', tlsSecret('b', certB.cert, certB.key)]]),
  });
  server = new IngressServer({ address: '127.0.0.1', httpPort: 0, httpsPort: 0 });
  server.setTable(table);
  const p = await server.start();
  httpPort = p.httpPort;
  httpsPort = p.httpsPort!;
});

afterAll(async () => {
  await server?.stop();
  for (const b of backends) b.closeAllConnections(), b.close();
});

describe('IngressServer', () => {
  it('routes by host and path and alternates between the endpoints (round robin)', async () => {
    const names = [];
    for (let i = 0; i < 4; i++) names.push(JSON.parse((await get('/ab/x', 'a.example')).body).name);
    // Endpoints are ordered by address text (random ports here), so only the alternation is fixed.
    expect(new Set(names)).toEqual(new Set(['one', 'two']));
    expect([names[2], names[3]]).toEqual([names[0], names[1]]);
    expect(JSON.parse((await get('/c', 'a.example')).body).name).toBe('three');
  });

  it('passes method, path, query and body, keeps the Host, and adds X-Forwarded-*', async () => {
    const r = await get('/c/deep?q=1', 'a.example:8080', { method: 'POST', headers: { host: 'a.example:8080', 'x-forwarded-for': '198.51.100.9' } });
    const seen = JSON.parse(r.body);
    expect(seen).toMatchObject({ url: '/c/deep?q=1', method: 'POST', body: 'payload' });
    expect(seen.headers).toMatchObject({ host: 'a.example:8080', 'x-forwarded-for': '198.51.100.9, 127.0.0.1', 'x-forwarded-host': 'a.example:8080', 'x-forwarded-proto': 'http', 'x-forwarded-port': String(httpPort), 'x-real-ip': '127.0.0.1' });
    expect(r.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('answers 404 when nothing matches and there is no default backend', async () => {
    const r = await get('/', 'nobody.example');
    expect(r.status).toBe(404);
    expect(r.body).toContain('default backend - 404');
  });

  it('answers 503 when the Service has no ready endpoints', async () => {
    const r = await get('/empty', 'a.example');
    expect(r.status).toBe(503);
    expect(r.body).toContain('service "default/empty" has no ready endpoints');
  });

  it('serves each host with its certificate by SNI, verified against the CA', async () => {
    const a = await getTls('a.example', 'a.example');
    expect(a.subject).toBe('a.example');
    expect(JSON.parse(a.body).headers['x-forwarded-proto']).toBe('https');
    const b = await getTls('x.b.example', 'x.b.example');
    expect(b.subject).toBe('*.b.example');
    expect(JSON.parse(b.body).name).toBe('three');
  });

  it('gives clients without SNI the oldest certificate', async () => {
    expect((await getTls(undefined, 'a.example')).subject).toBe('a.example');
  });

  it('passes a WebSocket upgrade through and splices the connection', async () => {
    const sock = connect(httpPort, '127.0.0.1');
    const got: string[] = [];
    sock.on('data', (d) => got.push(d.toString()));
    sock.write('GET /c/ws HTTP/1.1\r\nHost: a.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    await waitFor(() => got.join('').includes('101 Switching Protocols'));
    sock.write('hello');
    await waitFor(() => got.join('').includes('three:hello'));
    sock.destroy();
    expect(got.join('')).toContain('three:hello');
  });

  it('refuses an upgrade for an unknown host with 404', async () => {
    const sock = connect(httpPort, '127.0.0.1');
    let got = '';
    sock.on('data', (d) => (got += d));
    sock.write('GET / HTTP/1.1\r\nHost: nobody.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    await new Promise((r) => sock.on('close', r));
    expect(got).toMatch(/^HTTP\/1\.1 404 Not Found/);
  });
});

async function waitFor(f: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !f(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!f()) throw new Error('condition not met');
}
