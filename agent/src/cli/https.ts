// One JSON request over https for `join`, before any config exists: with a given CA, the system CAs, or
// (only for reading the signed cluster-info) no verification at all. Network failures become messages.
import { request } from 'node:https';
import { CliError } from './errors';

export interface JoinRequest {
  method: 'GET' | 'POST';
  url: URL;
  token?: string;
  body?: unknown;
  caPem?: string;
  /** Skip certificate checks: only for data verified by other means (the cluster-info signature). */
  insecure?: boolean;
}

export interface JoinResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
  text: string;
}

const TLS_CODES = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']);

export function describeNetworkError(server: string, e: NodeJS.ErrnoException): string {
  if (e.code && TLS_CODES.has(e.code))
    return `the API server at ${server} presented a certificate that is not trusted (${e.code}: ${e.message}); pass --ca-file with the cluster's CA, or --insecure-skip-tls-verify-for-join to fetch it from the signed cluster-info`;
  const what = e.code === 'ECONNREFUSED' ? 'the connection was refused' : e.code === 'ENOTFOUND' ? 'the host name does not resolve' : e.code === 'ETIMEDOUT' ? 'the connection timed out' : e.message;
  return `cannot reach the API server at ${server}: ${what}${e.code && !what.includes(e.code) ? ` (${e.code})` : ''}`;
}

export function joinRequest(req: JoinRequest, timeoutMs = 15_000): Promise<JoinResponse> {
  const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'kubeflare-agent-join' };
  if (req.token) headers.Authorization = `Bearer ${req.token}`;
  if (payload !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) });
  return new Promise((resolve, reject) => {
    const r = request(req.url, { method: req.method, headers, ca: req.caPem, rejectUnauthorized: !req.insecure, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => reject(new CliError(describeNetworkError(req.url.origin, e))));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, json, text });
      });
    });
    r.on('timeout', () => r.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    r.on('error', (e: NodeJS.ErrnoException) => reject(new CliError(describeNetworkError(req.url.origin, e))));
    r.end(payload);
  });
}
