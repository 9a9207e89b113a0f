// Request headers sent to the backend: hop-by-hop headers dropped (RFC 9110 §7.6.1), X-Forwarded-* as
// ingress-nginx sets them (For appended to what the client sent; Host, Proto and Port of this hop).
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

export interface ForwardInfo {
  clientIP: string;
  proto: 'http' | 'https';
  /** The port the client connected to. */
  port: number;
  /** Keep Connection/Upgrade (a WebSocket handshake). */
  upgrade?: boolean;
}

export function forwardHeaders(h: IncomingHttpHeaders, f: ForwardInfo): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  // Also drop headers the Connection header names as hop-by-hop.
  const named = String(h.connection ?? '').toLowerCase().split(',').map((s) => s.trim()).filter(Boolean);
  const drop = new Set([...HOP_BY_HOP, ...named]);
  for (const [k, v] of Object.entries(h)) if (v !== undefined && !drop.has(k)) out[k] = v;
  if (f.upgrade) {
    out.connection = 'Upgrade';
    out.upgrade = h.upgrade;
  }
  const prior = h['x-forwarded-for'];
  out['x-forwarded-for'] = prior ? `${Array.isArray(prior) ? prior.join(', ') : prior}, ${f.clientIP}` : f.clientIP;
  out['x-forwarded-host'] = h.host ?? '';
  out['x-forwarded-proto'] = f.proto;
  out['x-forwarded-port'] = String(f.port);
  out['x-real-ip'] = f.clientIP;
  return out;
}

/** "::ffff:10.0.0.1" → "10.0.0.1" (IPv4 clients of a dual-stack socket). */
export const clientAddress = (a: string | undefined) => (a ?? '').replace(/^::ffff:/, '');
