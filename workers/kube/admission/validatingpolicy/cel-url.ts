// Kubernetes' CEL URL library (k8s.io/apiserver/pkg/cel/library/urls.go): url(), isURL() and the
// getters. Parsing is the WHATWG URL parser; upstream uses Go's url.ParseRequestURI (absolute URLs
// and absolute paths), which accepts the same common inputs.
import type { Environment } from '@marcbachmann/cel-js';

export class CelURL {
  constructor(
    readonly u: URL,
    readonly pathOnly: boolean,
  ) {}
}

function parse(s: string): CelURL | undefined {
  try {
    if (s.startsWith('/')) return new CelURL(new URL(s, 'http://path.invalid'), true);
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s)) return undefined;
    return new CelURL(new URL(s), false);
  } catch {
    return undefined;
  }
}

export function registerUrl(env: Environment) {
  env.registerType('kubernetes.URL', CelURL);
  env.registerFunction('url(string): kubernetes.URL', (s: string) => {
    const u = parse(s);
    if (!u) throw new Error(`URL parse error during conversion from string: ${s}`);
    return u;
  });
  env.registerFunction('isURL(string): bool', (s: string) => parse(s) !== undefined);
  env.registerFunction('kubernetes.URL.getScheme(): string', (u: CelURL) => (u.pathOnly ? '' : u.u.protocol.replace(/:$/, '')));
  env.registerFunction('kubernetes.URL.getHost(): string', (u: CelURL) => (u.pathOnly ? '' : u.u.host));
  env.registerFunction('kubernetes.URL.getHostname(): string', (u: CelURL) => (u.pathOnly ? '' : u.u.hostname.replace(/^\[(.*)\]$/, '$1')));
  env.registerFunction('kubernetes.URL.getPort(): string', (u: CelURL) => (u.pathOnly ? '' : u.u.port));
  env.registerFunction('kubernetes.URL.getEscapedPath(): string', (u: CelURL) => u.u.pathname);
  env.registerFunction('kubernetes.URL.getQuery(): map<string, list<string>>', (u: CelURL) => {
    const out: Record<string, string[]> = {};
    for (const [k, v] of u.u.searchParams) (out[k] ??= []).push(v);
    return out;
  });
}
