// Request → route, over a compiled table (compile.ts explains the precedence).
import type { PathRoute, RouteTable, Target, TlsEntry } from './types';

export type Match = { kind: 'path'; route: PathRoute } | { kind: 'default'; target: Target } | { kind: 'none' };

/** The Host header without port, lower case ("Example.com:8080" → "example.com"; "[::1]:80" → "::1"). */
export function hostOnly(hostHeader: string | undefined): string {
  const h = (hostHeader ?? '').trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  return (colon >= 0 ? h.slice(0, colon) : h).replace(/\.$/, '');
}

/** "*.example.com" matches exactly one more label: "a.example.com", not "example.com" or "a.b.example.com". */
export function wildcardSuffix(host: string): string | undefined {
  const dot = host.indexOf('.');
  return dot > 0 ? host.slice(dot + 1) : undefined;
}

function pathMatches(r: PathRoute, path: string): boolean {
  if (r.type === 'Exact') return path === r.path;
  // Prefix (and ImplementationSpecific, served as Prefix): element-wise, "/foo" matches "/foo" and
  // "/foo/bar" but not "/foobar"; the route "" (from "/") matches everything.
  return path === r.path || path.startsWith(`${r.path}/`) || r.path === '';
}

/**
 * The most specific host's rules decide (no fall-through to a less specific host when none of its paths
 * match, as ingress-nginx's server blocks); then the default backend; else none.
 */
export function matchRoute(table: RouteTable, hostHeader: string | undefined, rawPath: string): Match {
  const host = hostOnly(hostHeader);
  const path = (rawPath.split('?')[0] || '/').split('#')[0];
  const suffix = wildcardSuffix(host);
  const routes = table.hosts.get(host) ?? (suffix !== undefined ? table.wildcards.get(suffix) : undefined) ?? table.any;
  const route = routes.find((r) => pathMatches(r, path));
  if (route) return { kind: 'path', route };
  if (table.defaultBackend) return { kind: 'default', target: table.defaultBackend };
  return { kind: 'none' };
}

const coversHost = (pattern: string, host: string) => pattern === host || (pattern.startsWith('*.') && wildcardSuffix(host) === pattern.slice(2));

/**
 * The certificate for a TLS client hello: an exact host entry first, then a wildcard one; without a
 * match (or without SNI) the first certificate of the oldest Ingress, so plain-IP clients still connect.
 */
export function pickCertificate(table: RouteTable, serverName: string | undefined): TlsEntry | undefined {
  const host = (serverName ?? '').toLowerCase();
  if (host) {
    const exact = table.tls.find((t) => t.hosts.includes(host));
    if (exact) return exact;
    const wild = table.tls.find((t) => t.hosts.some((p) => coversHost(p, host)));
    if (wild) return wild;
  }
  return table.tls[0];
}
