// httpGet: a GET to scheme://host:port/path (certificates not checked, no keep-alive); 200-399 is
// success. Redirects are followed as Go's client does (at most 10), except one to another host: the
// probe then stops and the 3xx counts as success, as upstream ("Probe terminated redirects").
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { dialError, joinHostPort } from './errors';
import { PROBE_USER_AGENT, type ProbeResult } from './types';

export interface HttpGetSpec {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path?: string;
  headers?: { name: string; value: string }[];
}

const MAX_BODY = 10 * 1024;
const MAX_REDIRECTS = 10;

export function probeURL(spec: HttpGetSpec): URL {
  const path = spec.path ?? '';
  return new URL(`${spec.scheme}://${joinHostPort(spec.host, spec.port)}${path.startsWith('/') ? path : `/${path}`}`);
}

/** Request headers: upstream's defaults, overridden by the probe's own (a Host header sets the host). */
function headersOf(spec: HttpGetSpec): Record<string, string> {
  const h: Record<string, string> = { 'User-Agent': PROBE_USER_AGENT, Accept: '*/*' };
  for (const { name, value } of spec.headers ?? []) {
    const existing = Object.keys(h).find((k) => k.toLowerCase() === name.toLowerCase());
    if (existing) delete h[existing];
    h[name] = value;
  }
  return h;
}

type Response = { status: number; location?: string; body: string };

function getOnce(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<Response> {
  const https = url.protocol === 'https:';
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(
      {
        protocol: url.protocol,
        hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: 'GET',
        headers,
        agent: false,
        signal,
        ...(https ? { rejectUnauthorized: false, servername: isIP(hostname) ? undefined : hostname } : {}),
      },
      (res: IncomingMessage) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < MAX_BODY) body += chunk;
          if (body.length >= MAX_BODY) res.destroy();
        });
        const done = () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: body.slice(0, MAX_BODY) });
        res.on('end', done);
        res.on('close', done);
        res.on('error', () => done());
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** One GET with redirects. Resolves the final response, or rejects with a Go-worded error text. */
export async function httpGet(spec: HttpGetSpec, timeoutMs: number): Promise<Response> {
  const headers = headersOf(spec);
  let url = probeURL(spec);
  const first = url;
  const ac = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, timeoutMs);
  try {
    for (let hops = 0; ; hops++) {
      let res: Response;
      try {
        res = await getOnce(url, headers, ac.signal);
      } catch (e) {
        const addr = joinHostPort(url.hostname.replace(/^\[|\]$/g, ''), Number(url.port || (url.protocol === 'https:' ? 443 : 80)));
        const why = timedOut ? 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)' : dialError(e as NodeJS.ErrnoException, addr);
        throw new Error(`Get "${url.href}": ${why}`);
      }
      const redirect = res.status >= 300 && res.status < 400 && res.location;
      if (!redirect) return res;
      const next = new URL(res.location!, url);
      // Another host: stop here and let the caller see the 3xx.
      if (next.hostname !== first.hostname) return res;
      if (hops + 1 >= MAX_REDIRECTS) throw new Error(`Get "${next.href}": stopped after ${MAX_REDIRECTS} redirects`);
      url = next;
    }
  } finally {
    clearTimeout(timer);
  }
}

export async function httpProbe(spec: HttpGetSpec, timeoutMs: number): Promise<ProbeResult> {
  let res: Response;
  try {
    res = await httpGet(spec, timeoutMs);
  } catch (e) {
    return { result: 'failure', message: (e as Error).message };
  }
  if (res.status >= 200 && res.status < 300) return { result: 'success' };
  if (res.status >= 300 && res.status < 400) return { result: 'success', message: `Probe terminated redirects, Response body: ${res.body}` };
  return { result: 'failure', message: `HTTP probe failed with statuscode: ${res.status}` };
}
