// The TLS front against a plain Node upstream standing in for workerd's direct socket: what reaches the
// upstream, what comes back, streams, upgrades, and an upstream that is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import { ensurePki } from '../pki';
import { serveFront, startFront, type Front } from '.';

const dir = mkdtempSync(join(tmpdir(), 'kubeflare-front-'));
const pki = ensurePki(dir, ['127.0.0.1']);
let upstream: http.Server;
let front: Front;
let lastHeaders: http.IncomingHttpHeaders = {};
/** Requests each upstream connection has carried (for /drop-on-reuse), and the methods that arrived there. */
const carried = new WeakMap<object, number>();
const dropArrivals: string[] = [];
/** Set when a streamed response's client went away and the upstream saw its request closed. */
let streamClosed: Promise<void>;

beforeAll(async () => {
  let closed: () => void = () => undefined;
  streamClosed = new Promise((r) => (closed = r));
  upstream = http.createServer(async (req, res) => {
    lastHeaders = req.headers;
    if (req.url?.startsWith('/echo')) {
      const chunks: Buffer[] = [];
      try {
        for await (const c of req) chunks.push(c as Buffer);
      } catch {
        return; // the front gave up on this request (a body over the limit)
      }
      res.writeHead(201, { 'Content-Type': 'text/plain', 'X-Seen-Length': String(Buffer.concat(chunks).length) });
      res.end(Buffer.concat(chunks));
    } else if (req.url === '/quiet-stream') {
      // A watch with nothing to say for a while: longer than the short-idle front's upstreamIdleMs.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"type":"ADDED"}\n');
      setTimeout(() => res.end('{"type":"MODIFIED"}\n'), 600);
    } else if (req.url === '/conn') {
      res.end(String(req.socket.remotePort));
    } else if (req.url === '/drop-on-reuse') {
      // As workerd closes a connection it found idle too long, with the next request already written on it.
      const n = (carried.get(req.socket) ?? 0) + 1;
      carried.set(req.socket, n);
      dropArrivals.push(req.method ?? '');
      if (n > 1) req.socket.destroy();
      else res.end('first on this connection');
    } else if (req.url === '/too-large') {
      // As the api worker answers a body over its limit: at once, without reading the rest.
      res.writeHead(413, { 'Content-Type': 'application/json' }).end('{"kind":"Status","code":413}');
    } else if (req.url === '/stream') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"type":"ADDED"}\n');
      req.socket.on('close', () => closed());
    } else {
      res.writeHead(404).end();
    }
  });
  const wss = new WebSocketServer({ server: upstream });
  wss.on('connection', (ws, req) => {
    ws.send(`hello ${req.headers['cf-connecting-ip']}`);
    ws.on('message', (m) => ws.send(`echo ${String(m)}`));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  front = await serveFront({ host: '127.0.0.1', port: 0, key: pki.serverKey, cert: pki.serverCert, upstream: { host: '127.0.0.1', port: (upstream.address() as AddressInfo).port } });
});

afterAll(async () => {
  await front.close();
  upstream.closeAllConnections();
  await new Promise((r) => upstream.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function request(path: string, opts: https.RequestOptions & { body?: string } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: front.port, path, ca: pki.caCert, ...opts }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('the TLS front', () => {
  it('forwards method, path, headers and body, and returns status, headers and body', async () => {
    const res = await request('/echo?x=1', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t' }, body: '{"a":1}' });
    expect(res.status).toBe(201);
    expect(res.body).toBe('{"a":1}');
    expect(res.headers['x-seen-length']).toBe('7');
    expect(lastHeaders.authorization).toBe('Bearer t');
    expect(lastHeaders.host).toBe(`127.0.0.1:${front.port}`);
  });

  it('refuses a body over 3 MiB itself, with the API’s Status, with or without Content-Length', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024 + 1);
    for (const headers of [{ 'Content-Length': String(big.length) }, { 'Transfer-Encoding': 'chunked' }]) {
      const res = await request('/echo', { method: 'POST', headers, body: big });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Request entity too large: limit is 3145728', reason: 'RequestEntityTooLarge', code: 413 });
    }
    // Exactly 3 MiB goes through.
    const limit = await request('/echo', { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' }, body: 'y'.repeat(3 * 1024 * 1024) });
    expect(limit).toMatchObject({ status: 201, headers: { 'x-seen-length': String(3 * 1024 * 1024) } });
  });

  it('passes on an answer the upstream gives before reading the body', async () => {
    const body = 'x'.repeat(2 * 1024 * 1024);
    const res = await request('/too-large', { method: 'POST', headers: { 'Content-Length': String(body.length) }, body });
    expect(res.status).toBe(413);
    // The connection still serves the next request.
    expect((await request('/echo', { method: 'POST', body: 'after' })).body).toBe('after');
  });

  it('forwards a chunked DELETE body as a body', async () => {
    const res = await request('/echo', { method: 'DELETE', headers: { 'Transfer-Encoding': 'chunked' }, body: '{"kind":"DeleteOptions"}' });
    expect(res.status).toBe(201);
    expect(res.body).toBe('{"kind":"DeleteOptions"}');
  });

  it('tells the upstream the client address in CF-Connecting-IP, replacing one the client sent', async () => {
    await request('/echo', { method: 'POST', headers: { 'CF-Connecting-IP': '203.0.113.9' }, body: '' });
    expect(lastHeaders['cf-connecting-ip']).toBe('127.0.0.1');
  });

  it('streams a response without waiting for its end, and ends the upstream request when the client leaves', async () => {
    const first = await new Promise<string>((resolve, reject) => {
      const req = https.get({ host: '127.0.0.1', port: front.port, path: '/stream', ca: pki.caCert }, (res) => {
        res.once('data', (d) => {
          resolve(String(d));
          req.destroy();
        });
      });
      req.on('error', () => undefined);
      setTimeout(() => reject(new Error('no event within 5 s')), 5_000);
    });
    expect(first).toBe('{"type":"ADDED"}\n');
    await expect(Promise.race([streamClosed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open'), 5_000))])).resolves.toBe('closed');
  });

  it('holds more streams open at once than a connection pool would allow', async () => {
    const open = await Promise.all(
      Array.from(
        { length: 600 },
        () =>
          new Promise<http.ClientRequest>((resolve, reject) => {
            const req = https.get({ host: '127.0.0.1', port: front.port, path: '/stream', ca: pki.caCert, agent: false }, (res) => res.once('data', () => resolve(req)));
            req.on('error', reject);
          }),
      ),
    );
    expect(open).toHaveLength(600);
    for (const req of open) req.destroy();
  });

  it('passes WebSocket upgrades through both ways', async () => {
    const ws = new WebSocket(`wss://127.0.0.1:${front.port}/ws`, { ca: pki.caCert });
    const messages: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (m) => {
        messages.push(String(m));
        if (messages.length === 1) ws.send('ping');
        if (messages.length === 2) resolve();
      });
      ws.on('error', reject);
    });
    ws.close();
    expect(messages).toEqual(['hello 127.0.0.1', 'echo ping']);
  });

  it('runs on its own thread as the stack starts it', async () => {
    const threaded = await startFront({ host: '127.0.0.1', port: 0, key: pki.serverKey, cert: pki.serverCert, upstream: { host: '127.0.0.1', port: (upstream.address() as AddressInfo).port } }, join(dir, 'build'));
    try {
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = https.request({ host: '127.0.0.1', port: threaded.port, path: '/echo', method: 'POST', ca: pki.caCert }, (r) => {
          let body = '';
          r.on('data', (d) => (body += d));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end('threaded');
      });
      expect(res).toEqual({ status: 201, body: 'threaded' });
    } finally {
      await threaded.close();
    }
  });

  it('reuses an idle upstream connection, but not one idle longer than upstreamIdleMs, and leaves a quiet stream alone', async () => {
    const quick = await serveFront({ host: '127.0.0.1', port: 0, key: pki.serverKey, cert: pki.serverCert, upstream: { host: '127.0.0.1', port: (upstream.address() as AddressInfo).port }, upstreamIdleMs: 200 });
    try {
      const first = (await request('/conn', { port: quick.port })).body;
      expect((await request('/conn', { port: quick.port })).body).toBe(first);
      await new Promise((r) => setTimeout(r, 500));
      expect((await request('/conn', { port: quick.port })).body).not.toBe(first);
      // A connection in use is not idle, however quiet: a stream outlives upstreamIdleMs.
      expect(await request('/quiet-stream', { port: quick.port })).toMatchObject({ status: 200, body: '{"type":"ADDED"}\n{"type":"MODIFIED"}\n' });
    } finally {
      await quick.close();
    }
  });

  it('sends a bodiless GET again when a pooled connection closes under it, but answers a POST 502', async () => {
    const own = await serveFront({ host: '127.0.0.1', port: 0, key: pki.serverKey, cert: pki.serverCert, upstream: { host: '127.0.0.1', port: (upstream.address() as AddressInfo).port } });
    try {
      dropArrivals.length = 0;
      expect(await request('/drop-on-reuse', { port: own.port })).toMatchObject({ status: 200, body: 'first on this connection' });
      // Pooled and reused: closed under the request, then sent again on a new connection.
      expect(await request('/drop-on-reuse', { port: own.port })).toMatchObject({ status: 200, body: 'first on this connection' });
      expect(dropArrivals).toEqual(['GET', 'GET', 'GET']);
      // A POST is not sent twice: the upstream may have acted on it.
      const post = await request('/drop-on-reuse', { port: own.port, method: 'POST', body: '{}' });
      expect(post.status).toBe(502);
      expect(JSON.parse(post.body)).toMatchObject({ kind: 'Status', code: 502, message: 'the api worker did not answer: socket hang up' });
      expect(dropArrivals).toEqual(['GET', 'GET', 'GET', 'POST']);
    } finally {
      await own.close();
    }
  });

  it('answers 502 with a Status when the upstream is gone', async () => {
    const dead = await serveFront({ host: '127.0.0.1', port: 0, key: pki.serverKey, cert: pki.serverCert, upstream: { host: '127.0.0.1', port: 1 } });
    try {
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        https.get({ host: '127.0.0.1', port: dead.port, path: '/api', ca: pki.caCert }, (r) => {
          let body = '';
          r.on('data', (d) => (body += d));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        }).on('error', reject);
      });
      expect(res.status).toBe(502);
      expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', code: 502 });
    } finally {
      await dead.close();
    }
  });
});
