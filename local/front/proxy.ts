// The local stack's front door: terminates TLS in Node and forwards each request, over loopback, to the
// api worker's direct socket in workerd. Miniflare's own https entry would do the same inside workerd,
// where TLS and its JavaScript entry worker cost ~0.4 ms of the single workerd thread per request (a
// third of a GET); here that work runs on another core. Byte-for-byte otherwise: bodies and responses
// stream through (watches), upgrades (WebSockets: exec, attach, port-forward, the node tunnel) become a
// raw pipe. It adds one header, CF-Connecting-IP (the client's address, as Cloudflare's edge and
// Miniflare's entry set it), replacing any a client sent, and keeps a chunked body chunked. A request body over the API's limit
// (3 MiB) is refused here with the API's own 413 Status: workerd resets a connection whose worker answers
// before reading a large body, and the reset would reach the client instead of that answer.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { tooLarge } from '../../workers/kube/status';
import { MAX_BODY_BYTES } from '../../workers/api/src/request/limits';

export interface FrontOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  key: string;
  cert: string;
  /** The plain-HTTP socket requests go to (loopback). */
  upstream: { host: string; port: number };
  /**
   * How long an idle upstream connection stays pooled (UPSTREAM_IDLE_MS). workerd closes a connection idle
   * for 5 s, and while its one thread is busy it does so late, after a request was written on it; the
   * request then fails with "socket hang up". Dropping connections well before that avoids the race.
   */
  upstreamIdleMs?: number;
}

/** The default of FrontOptions.upstreamIdleMs: 2 s short of workerd's idle timeout (workerd-idle.test.ts). */
export const UPSTREAM_IDLE_MS = 3_000;

export interface Front {
  port: number;
  close(): Promise<void>;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1) and the ones the front itself sets. */
const REQUEST_DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect', 'cf-connecting-ip']);
const RESPONSE_DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'trailer', 'upgrade']);
/** An upgrade keeps its Connection and Upgrade headers: the upstream must see them. */
const UPGRADE_DROPPED = new Set(['cf-connecting-ip']);

function filtered(raw: string[], dropped: Set<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!dropped.has(raw[i].toLowerCase())) out.push(raw[i], raw[i + 1]);
  return out;
}

/** The client's address without the IPv4-mapped prefix Node gives dual-stack sockets. */
const clientAddress = (s: { remoteAddress?: string }) => (s.remoteAddress ?? '').replace(/^::ffff:(?=\d+\.)/, '');

/** Methods whose bodiless requests may be sent again after a connection failed under them. */
const REPLAYABLE = new Set(['GET', 'HEAD', 'OPTIONS']);

const badGateway = (message: string) => JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'ServiceUnavailable', code: 502 });

export async function serveFront(opts: FrontOptions): Promise<Front> {
  // One upstream connection per request in flight (a thousand watches hold a thousand); Nagle off, as
  // small writes (a request's head, then its body) must not wait for each other's acknowledgement.
  // `timeout` ends pooled connections only: the agent leaves a socket in use (a quiet watch) alone.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 256, scheduling: 'lifo', noDelay: true, timeout: opts.upstreamIdleMs ?? UPSTREAM_IDLE_MS } as http.AgentOptions);
  const server = https.createServer({ key: opts.key, cert: opts.cert, ALPNProtocols: ['http/1.1'] });
  // Node's requestTimeout (5 min to send a whole request) leaves long responses (watches) alone.
  server.keepAliveTimeout = 60_000;
  const upgraded = new Set<Duplex>();

  /**
   * Answers 413 once the client has sent its whole body (read and dropped): a client still sending
   * when the connection closes sees a reset, not the answer. Node's requestTimeout bounds the wait.
   */
  const refuseTooLarge = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const answer = () => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(413, { 'Content-Type': 'application/json' }).end(JSON.stringify(tooLarge().toStatus()));
    };
    if (req.complete) return answer();
    req.once('end', answer);
    req.resume();
  };

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return refuseTooLarge(req, res);
    const headers = filtered(req.rawHeaders, REQUEST_DROPPED);
    headers.push('CF-Connecting-IP', clientAddress(req.socket));
    // A chunked body stays chunked: Node frames GET and DELETE bodies only when asked to.
    if (req.headers['transfer-encoding'] !== undefined && req.headers['content-length'] === undefined) headers.push('Transfer-Encoding', 'chunked');
    const replayable = REPLAYABLE.has(req.method ?? '') && req.headers['transfer-encoding'] === undefined && Number(req.headers['content-length'] ?? 0) === 0;
    let responded = false;
    let refused = false;
    const send = (): http.ClientRequest => {
      const sent = http.request({ host: opts.upstream.host, port: opts.upstream.port, method: req.method, path: req.url, headers, agent }, (ur) => {
        responded = true;
        res.writeHead(ur.statusCode ?? 502, ur.statusMessage, filtered(ur.rawHeaders, RESPONSE_DROPPED));
        // A stream (a watch, logs) shows its headers before its first event; a sized body goes out with them.
        if (ur.headers['content-length'] === undefined) res.flushHeaders();
        ur.pipe(res);
        ur.on('error', () => res.destroy());
        // Answered before the whole request body was sent (a 413 for a body over the limit): the rest is
        // read and dropped here, and that upstream connection, left mid-body, is not reused.
        ur.on('end', () => {
          if (req.complete) return;
          req.unpipe(sent);
          sent.destroy();
          req.resume();
        });
      });
      sent.on('error', (err) => {
        if (responded || refused) return; // the answer is already on its way (or the response stream reports it)
        // A pooled connection that workerd closed under the request (see upstreamIdleMs): a request
        // without a body that changes nothing goes again, as Go's transport does. Each retry uses up one
        // pooled connection or opens a new one, so this ends.
        if (replayable && sent.reusedSocket && !res.destroyed) {
          up = send();
          up.end();
          return;
        }
        if (res.headersSent) res.destroy();
        else res.writeHead(502, { 'Content-Type': 'application/json' }).end(badGateway(`the api worker did not answer: ${err.message}`));
      });
      return sent;
    };
    let up = send();
    // A client that goes away (a watch closed, a request aborted) ends the upstream request too.
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    // A body without a Content-Length (chunked) is counted as it streams.
    let size = 0;
    if (req.headers['content-length'] === undefined) {
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES || responded || refused) return;
        refused = true;
        req.unpipe(up);
        up.destroy();
        refuseTooLarge(req, res);
      });
    }
    req.pipe(up);
  });

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const up = net.connect({ port: opts.upstream.port, host: opts.upstream.host, noDelay: true });
    let connected = false;
    upgraded.add(socket);
    const done = () => {
      upgraded.delete(socket);
      socket.destroy();
      up.destroy();
    };
    up.once('connect', () => {
      connected = true;
      const headers = filtered(req.rawHeaders, UPGRADE_DROPPED);
      headers.push('CF-Connecting-IP', clientAddress(req.socket));
      let text = `${req.method} ${req.url} HTTP/1.1\r\n`;
      for (let i = 0; i < headers.length; i += 2) text += `${headers[i]}: ${headers[i + 1]}\r\n`;
      up.write(`${text}\r\n`);
      if (head.length) up.write(head);
      socket.pipe(up).pipe(socket);
      up.on('close', done);
      socket.on('close', done);
    });
    up.on('error', () => {
      if (connected) return done();
      // Nothing was forwarded: the client gets an answer, then the connection ends.
      upgraded.delete(socket);
      socket.end(`HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${badGateway('the api worker did not answer')}`);
    });
    socket.on('error', done);
  });

  // A request Node's parser refuses (malformed, or both Content-Length and Transfer-Encoding: a
  // smuggling attempt, RFC 9112 §6.1) gets a 400 Status, and the connection closes.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
    const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `malformed HTTP request: ${err.code ?? err.message}`, reason: 'BadRequest', code: 400 });
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });

  // A TLS handshake that fails (a client that does not trust the CA) is the client's business.
  server.on('tlsClientError', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of upgraded) s.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
