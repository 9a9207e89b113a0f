// A fetch-compatible function over node:https. Node 20's global fetch (undici) cannot be given a custom
// CA without a dispatcher package, and the API server's certificate is signed by the cluster's own CA.
import { Agent, request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';

export interface NodeFetcherOptions {
  /** PEM of the CA that signed the API server's certificate. */
  caPem: string;
  /** Sockets per host (default 64); watches hold one each for their lifetime. */
  maxSockets?: number;
}

export interface NodeFetcher {
  (request: Request): Promise<Response>;
  /** Closes the pooled sockets; in-flight streams end with an error. */
  close(): void;
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

export function createNodeFetcher(opts: NodeFetcherOptions): NodeFetcher {
  const agent = new Agent({ ca: opts.caPem, keepAlive: true, maxSockets: opts.maxSockets ?? 64 });

  const fetcher = async function nodeFetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.protocol !== 'https:') throw new TypeError(`node fetcher: only https is supported, got ${url.protocol}`);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    // Bodies are handed to the caller as they arrive, undecoded: ask for identity so a compressing
    // proxy cannot hand back gzip the caller would not expect.
    delete headers['accept-encoding'];
    // Request bodies here are small JSON documents: buffer them so Content-Length is always set (Node
    // does not frame a DELETE body by itself, and DeleteOptions travel in one).
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    if (body) headers['content-length'] = String(body.byteLength);
    request.signal.throwIfAborted();

    const send = (retried: boolean) =>
      new Promise<Response>((resolve, reject) => {
        let responded = false;
        const req = httpsRequest(url, { method: request.method, headers, agent, signal: request.signal }, (res) => {
          responded = true;
          const status = res.statusCode ?? 0;
          const stream = NULL_BODY_STATUS.has(status) || request.method === 'HEAD' ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
          if (!stream) res.resume();
          try {
            resolve(new Response(stream, { status, statusText: res.statusMessage, headers: toHeaders(res.headers) }));
          } catch (e) {
            res.destroy();
            reject(e);
          }
        });
        req.on('error', (e: NodeJS.ErrnoException) => {
          // A pooled keep-alive socket that the server closed while it sat idle fails at once, before
          // any response: the server dropped the connection rather than the request, so one more try
          // on a fresh socket is what Node's docs advise (and what browsers do).
          if (!retried && !responded && req.reusedSocket && e.code === 'ECONNRESET' && !request.signal.aborted) resolve(send(true));
          else reject(e);
        });
        req.end(body);
      });
    return send(false);
  } as NodeFetcher;
  fetcher.close = () => agent.destroy();
  return fetcher;
}

function toHeaders(raw: IncomingHttpHeaders): Headers {
  const h = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) h.append(name, v);
  }
  return h;
}
