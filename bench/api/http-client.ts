// A small keep-alive HTTP(S) client used for both sides, so both pay the same Node-side costs: one
// request per call, body read fully, JSON parsed by the caller.
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface HttpResult {
  status: number;
  text: string;
  /** ms from sending to the response headers, and to the last body byte (before any parsing). */
  headersMs: number;
  bodyMs: number;
}

export interface Endpoint {
  /** http://host:port or https://host:port */
  base: string;
  headers: Record<string, string>;
  /** For short requests: keep-alive, sized for the bench's concurrency. */
  agent: HttpAgent;
  /** For streams (watches): its own pool with no socket limit, so 1,000 streams never queue. */
  streamAgent: HttpAgent;
}

export function makeEndpoint(base: string, headers: Record<string, string>, ca?: string): Endpoint {
  const https = base.startsWith('https:');
  const opts = { keepAlive: true, maxSockets: 32, ...(ca ? { ca } : {}) };
  const streamOpts = { keepAlive: false, maxSockets: Infinity, ...(ca ? { ca } : {}) };
  return {
    base,
    headers,
    agent: https ? new HttpsAgent(opts) : new HttpAgent(opts),
    streamAgent: https ? new HttpsAgent(streamOpts) : new HttpAgent(streamOpts),
  };
}

export function closeEndpoint(ep: Endpoint): void {
  ep.agent.destroy();
  ep.streamAgent.destroy();
}

export function open(
  ep: Endpoint,
  method: string,
  path: string,
  body: string | undefined,
  headers: Record<string, string>,
  onResponse: (res: IncomingMessage) => void,
  stream = false,
) {
  const url = new URL(path, ep.base);
  const h: Record<string, string> = { ...ep.headers, ...headers };
  if (body !== undefined) h['Content-Length'] = String(Buffer.byteLength(body));
  const fn = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const req = fn(url, { method, headers: h, agent: stream ? ep.streamAgent : ep.agent }, onResponse);
  if (body !== undefined) req.write(body);
  req.end();
  return req;
}

export function call(ep: Endpoint, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = open(ep, method, path, body, headers, (res) => {
      const headersMs = performance.now() - t0;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bodyMs = performance.now() - t0;
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headersMs, bodyMs });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Throws with the request and response when the status is not the expected one. */
export async function expectStatus(ep: Endpoint, ok: number[], method: string, path: string, body?: string, headers?: Record<string, string>): Promise<HttpResult> {
  const r = await call(ep, method, path, body, headers);
  if (!ok.includes(r.status)) throw new Error(`${method} ${path} → ${r.status}: ${r.text.slice(0, 500)}`);
  return r;
}
