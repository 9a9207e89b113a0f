import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../workers/kube/client';
import { StatusError } from '../../../workers/kube/status';
import { ensurePki, type Pki } from '../../../local/pki';
import { createNodeFetcher } from './node-fetcher';
import { watchEvents } from './watch';

let dir: string;
let pki: Pki;
let server: Server;
let base: string;
const sockets = new WeakMap<object, number>();
const received: { method: string; url: string; body: string; headers: Record<string, unknown> }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'node-fetcher-'));
  pki = ensurePki(join(dir, 'pki'), ['127.0.0.1']);
  server = createServer({ key: pki.serverKey, cert: pki.serverCert }, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', body, headers: req.headers });
      if (req.url === '/stream') {
        // Two events now, the third only after the client has seen the first two.
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"type":"ADDED","object":{"n":1}}\n{"type":"MODI');
        res.write('FIED","object":{"n":2}}\n');
        setTimeout(() => res.end('{"type":"DELETED","object":{"n":3}}\n'), 200);
      } else if (req.url === '/missing') {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', code: 404, reason: 'NotFound', message: 'pods "x" not found' }));
      } else if (req.url === '/drop-reused') {
        // Like a server that closed an idle keep-alive connection: a reused socket is cut, unanswered.
        const served = sockets.get(req.socket) ?? 0;
        sockets.set(req.socket, served + 1);
        if (served > 0) req.socket.destroy();
        else res.writeHead(200).end('ok');
      } else if (req.url === '/empty') {
        res.writeHead(204).end();
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': ['a=1', 'b=2'] });
        res.end(JSON.stringify({ method: req.method, body }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('createNodeFetcher', () => {
  it('trusts the given CA and carries request bodies, DELETE included', async () => {
    const f = createNodeFetcher({ caPem: pki.caCert });
    const api = new ApiClient({ fetch: f, baseUrl: base, token: 't0k', userAgent: 'test/1' });
    expect(await api.json('POST', '/echo', { a: 1 })).toEqual({ method: 'POST', body: '{"a":1}' });
    await api.delete('/echo', { gracePeriodSeconds: 0 });
    const del = received.find((r) => r.method === 'DELETE')!;
    expect(JSON.parse(del.body)).toMatchObject({ kind: 'DeleteOptions', gracePeriodSeconds: 0 });
    expect(del.headers).toMatchObject({ authorization: 'Bearer t0k', 'user-agent': 'test/1', 'content-type': 'application/json' });
    f.close();
  });

  it('returns response headers (repeated ones too), empty bodies, and errors as StatusError', async () => {
    const f = createNodeFetcher({ caPem: pki.caCert });
    const res = await f(new Request(`${base}/echo`));
    expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
    await res.text();
    expect((await f(new Request(`${base}/empty`))).status).toBe(204);
    const api = new ApiClient({ fetch: f, baseUrl: base, token: 't', userAgent: 'test' });
    const err = await api.get('/missing').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatusError);
    expect(err).toMatchObject({ code: 404, reason: 'NotFound' });
    expect(await api.getOrNull('/missing')).toBeNull();
    f.close();
  });

  it('streams a response body as it arrives', async () => {
    const f = createNodeFetcher({ caPem: pki.caCert });
    const res = await f(new Request(`${base}/stream`));
    const seen: unknown[] = [];
    const t0 = Date.now();
    let firstTwoAt = 0;
    for await (const ev of watchEvents(res)) {
      seen.push(ev);
      if (seen.length === 2) firstTwoAt = Date.now() - t0;
    }
    expect(seen).toEqual([
      { type: 'ADDED', object: { n: 1 } },
      { type: 'MODIFIED', object: { n: 2 } },
      { type: 'DELETED', object: { n: 3 } },
    ]);
    expect(firstTwoAt).toBeLessThan(150);
    f.close();
  });

  it('stops a stream when its reader is aborted', async () => {
    const f = createNodeFetcher({ caPem: pki.caCert });
    const res = await f(new Request(`${base}/stream`));
    const ac = new AbortController();
    const seen: unknown[] = [];
    for await (const ev of watchEvents(res, ac.signal)) {
      seen.push(ev);
      if (seen.length === 2) ac.abort();
    }
    expect(seen).toHaveLength(2);
    f.close();
  });

  it('sends a request again once when a reused keep-alive socket turns out closed', async () => {
    const f = createNodeFetcher({ caPem: pki.caCert, maxSockets: 1 });
    expect(await (await f(new Request(`${base}/drop-reused`))).text()).toBe('ok');
    expect(await (await f(new Request(`${base}/drop-reused`, { method: 'DELETE', body: '{}' }))).text()).toBe('ok');
    f.close();
  });

  it('refuses a server its CA did not sign', async () => {
    const other = ensurePki(join(dir, 'other'), ['127.0.0.1']);
    const f = createNodeFetcher({ caPem: other.caCert });
    await expect(f(new Request(`${base}/echo`))).rejects.toThrow(/self[- ]signed|certificate/i);
    f.close();
  });

  it('rejects plain http', async () => {
    const f = createNodeFetcher({ caPem: pki.caCert });
    await expect(f(new Request('http://127.0.0.1:1/'))).rejects.toThrow(/only https/);
    f.close();
  });
});
