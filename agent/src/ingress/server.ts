// The ingress proxy: an HTTP and an HTTPS listener (certificates chosen by SNI) that route each request
// through the current route table to a ready endpoint (round robin), WebSocket upgrades included.
// 404 when nothing matches and there is no default backend; 503 when the Service has no ready endpoint;
// 502 when the endpoint cannot be reached.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import net, { type AddressInfo, type Socket } from 'node:net';
import tls, { type SecureContext } from 'node:tls';
import { clientAddress, forwardHeaders } from './headers';
import { matchRoute, pickCertificate } from './match';
import { RoundRobin } from './round-robin';
import type { RouteTable, Target, TlsEntry } from './types';

export type Log = (msg: string, fields?: Record<string, unknown>) => void;

export interface IngressServerOptions {
  /** Listen address (default all: "0.0.0.0"). */
  address?: string;
  httpPort: number;
  /** 0 picks a free port; null turns HTTPS off. */
  httpsPort: number | null;
  log?: Log;
}

const EMPTY: RouteTable = { hosts: new Map(), wildcards: new Map(), any: [], tls: [], warnings: [] };

export class IngressServer {
  private table: RouteTable = EMPTY;
  private readonly rr = new RoundRobin();
  private readonly contexts = new WeakMap<TlsEntry, SecureContext>();
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly http: http.Server;
  private readonly https: https.Server | null;
  private readonly sockets = new Set<Socket>();
  private readonly log: Log;

  constructor(private readonly opts: IngressServerOptions) {
    this.log = opts.log ?? (() => undefined);
    this.http = http.createServer((req, res) => this.handle(req, res, 'http'));
    this.http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => this.upgrade(req, socket, head, 'http'));
    this.https =
      opts.httpsPort === null
        ? null
        : https.createServer({ SNICallback: (name, cb) => this.sni(name, cb) }, (req, res) => this.handle(req, res, 'https'));
    this.https?.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => this.upgrade(req, socket, head, 'https'));
    for (const s of [this.http, this.https]) s?.on('connection', (c: Socket) => (this.sockets.add(c), c.once('close', () => this.sockets.delete(c))));
    this.https?.on('tlsClientError', (e) => this.log('ingress tls handshake failed', { err: String(e) }));
  }

  /** Swaps the routes in one step; requests in flight keep the table they started with. */
  setTable(table: RouteTable): void {
    this.table = table;
    const keys = new Set<string>();
    for (const r of [...table.hosts.values(), ...table.wildcards.values(), table.any].flat()) keys.add(r.target.key);
    if (table.defaultBackend) keys.add(table.defaultBackend.key);
    this.rr.retain(keys);
    // Clients without SNI (or with a name no entry covers) get the oldest certificate.
    const fallback = table.tls[0];
    try {
      if (this.https && fallback) this.https.setSecureContext({ cert: fallback.cert, key: fallback.key });
    } catch (e) {
      this.log('ingress certificate unusable', { from: fallback?.from, hosts: fallback?.hosts, err: String(e) });
    }
  }

  async start(): Promise<{ httpPort: number; httpsPort: number | null }> {
    const address = this.opts.address ?? '0.0.0.0';
    const listen = (s: net.Server, port: number) =>
      new Promise<number>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, address, () => (s.off('error', reject), resolve((s.address() as AddressInfo).port)));
      });
    const httpPort = await listen(this.http, this.opts.httpPort);
    const httpsPort = this.https && this.opts.httpsPort !== null ? await listen(this.https, this.opts.httpsPort) : null;
    return { httpPort, httpsPort };
  }

  async stop(): Promise<void> {
    const close = (s: net.Server | null) => new Promise<void>((r) => (s?.listening ? s.close(() => r()) : r()));
    const closing = Promise.all([close(this.http), close(this.https)]);
    for (const c of this.sockets) c.destroy();
    this.agent.destroy();
    await closing;
  }

  private sni(name: string, cb: (err: Error | null, ctx?: SecureContext) => void): void {
    const entry = pickCertificate(this.table, name);
    if (!entry) return cb(new Error(`no certificate for "${name}"`));
    let ctx = this.contexts.get(entry);
    try {
      if (!ctx) this.contexts.set(entry, (ctx = tls.createSecureContext({ cert: entry.cert, key: entry.key })));
    } catch (e) {
      this.log('ingress certificate unusable', { from: entry.from, hosts: entry.hosts, err: String(e) });
      return cb(e as Error);
    }
    cb(null, ctx);
  }

  /** The route's target and one of its endpoints, or the status to answer with. */
  private route(req: IncomingMessage): { target: Target; endpoint: string } | { status: number; body: string } {
    const m = matchRoute(this.table, req.headers.host, req.url ?? '/');
    if (m.kind === 'none') return { status: 404, body: 'default backend - 404\n' };
    const target = m.kind === 'path' ? m.route.target : m.target;
    const endpoint = this.rr.pick(target);
    if (!endpoint) return { status: 503, body: `503 Service Unavailable: ${target.problem ?? `no endpoints for ${target.key}`}\n` };
    return { target, endpoint };
  }

  private handle(req: IncomingMessage, res: ServerResponse, proto: 'http' | 'https'): void {
    const r = this.route(req);
    if ('status' in r) return void res.writeHead(r.status, { 'content-type': 'text/plain; charset=utf-8' }).end(r.body);
    const [host, port] = splitHostPort(r.endpoint);
    const headers = forwardHeaders(req.headers, { clientIP: clientAddress(req.socket.remoteAddress), proto, port: req.socket.localPort ?? 0 });
    const up = http.request({ host, port, method: req.method, path: req.url, headers, agent: this.agent }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, stripHopByHop(upRes.rawHeaders));
      upRes.pipe(res);
    });
    up.on('error', (e) => {
      this.log('ingress backend failed', { target: r.target.key, endpoint: r.endpoint, err: String(e) });
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end(`502 Bad Gateway: ${r.endpoint} unreachable\n`);
      else res.destroy();
    });
    req.on('aborted', () => up.destroy());
    req.pipe(up);
  }

  /** WebSocket (any Upgrade): replay the handshake to the endpoint and splice the two sockets. */
  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer, proto: 'http' | 'https'): void {
    socket.on('error', () => undefined);
    const r = this.route(req);
    if ('status' in r) {
      socket.end(`HTTP/1.1 ${r.status} ${http.STATUS_CODES[r.status]}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(r.body)}\r\nConnection: close\r\n\r\n${r.body}`);
      return;
    }
    const [host, port] = splitHostPort(r.endpoint);
    const headers = forwardHeaders(req.headers, { clientIP: clientAddress(socket.remoteAddress), proto, port: socket.localPort ?? 0, upgrade: true });
    const up = net.connect(port, host, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (const [k, v] of Object.entries(headers)) for (const one of Array.isArray(v) ? v : [v]) lines.push(`${k}: ${String(one)}`);
      up.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) up.write(head);
      up.pipe(socket).pipe(up);
    });
    up.on('error', (e) => {
      this.log('ingress backend failed', { target: r.target.key, endpoint: r.endpoint, err: String(e) });
      if (!socket.destroyed) socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    socket.on('close', () => up.destroy());
    up.on('close', () => socket.destroy());
  }
}

function splitHostPort(ep: string): [string, number] {
  const i = ep.lastIndexOf(':');
  return [ep.slice(0, i), Number(ep.slice(i + 1))];
}

/** Response headers without the hop-by-hop ones, as a flat raw list (keeps duplicates such as Set-Cookie). */
function stripHopByHop(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i].toLowerCase();
    if (k === 'connection' || k === 'keep-alive' || k === 'transfer-encoding' || k === 'proxy-connection' || k === 'upgrade' || k === 'trailer') continue;
    out.push(raw[i], raw[i + 1]);
  }
  return out;
}
