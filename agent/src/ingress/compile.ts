// Ingresses (already filtered to our class) + Services + EndpointSlices + TLS Secrets → the route table.
// Pure: the proxy recompiles on every change and swaps the table whole.
//
// Upstream's rules (networking.k8s.io/v1): an exact host beats a wildcard ("*.example.com" matches one
// label), a rule without host matches any; within a host the longest matching path wins, and Exact beats
// Prefix on a tie. Several Ingresses for one host are merged; the same host+type+path defined twice goes
// to the oldest Ingress (as ingress-nginx), and the newer one is reported.
import { indexCluster, resolveBackend } from './resolve';
import type { EndpointSlice, Ingress, PathRoute, PathType, RouteTable, Secret, Service, TlsEntry } from './types';

export interface CompileInput {
  ingresses: Ingress[];
  services: Service[];
  endpointSlices: EndpointSlice[];
  /** kubernetes.io/tls Secrets by "namespace/name" (those the Ingresses name; others are ignored). */
  secrets: Map<string, Secret>;
}

const TLS_TYPE = 'kubernetes.io/tls';

function oldestFirst(a: Ingress, b: Ingress): number {
  const t = (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '');
  return t || `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`);
}

const pathType = (t: string | undefined): PathType => (t === 'Exact' || t === 'Prefix' ? t : 'ImplementationSpecific');

/** Prefix paths compare by elements: a trailing slash does not count ("/foo/" ≡ "/foo", "/" ≡ ""). */
const normalize = (type: PathType, path: string) => (type === 'Exact' ? path : path.replace(/\/+$/, ''));

/** Longest first; Exact before Prefix/ImplementationSpecific on equal length. */
function bySpecificity(a: PathRoute, b: PathRoute): number {
  return b.path.length - a.path.length || (a.type === 'Exact' ? 0 : 1) - (b.type === 'Exact' ? 0 : 1);
}

const decodeB64 = (s: string | undefined) => (s ? Buffer.from(s, 'base64').toString('utf8') : '');

export function compileRoutes(input: CompileInput): RouteTable {
  const cluster = indexCluster(input.services, input.endpointSlices);
  const table: RouteTable = { hosts: new Map(), wildcards: new Map(), any: [], tls: [], warnings: [] };
  const seen = new Map<string, string>();
  for (const ing of [...input.ingresses].sort(oldestFirst)) {
    const ns = ing.metadata.namespace ?? 'default';
    const from = `${ns}/${ing.metadata.name}`;
    const spec = ing.spec ?? {};
    if (spec.defaultBackend && !table.defaultBackend) table.defaultBackend = resolveBackend(cluster, ns, spec.defaultBackend);
    for (const rule of spec.rules ?? []) {
      const host = (rule.host ?? '').toLowerCase();
      const list = host === '' ? table.any : host.startsWith('*.') ? getOrAdd(table.wildcards, host.slice(2)) : getOrAdd(table.hosts, host);
      for (const p of rule.http?.paths ?? []) {
        const type = pathType(p.pathType);
        const path = normalize(type, p.path ?? '/');
        const id = `${host} ${type === 'Exact' ? 'Exact' : 'Prefix'} ${path}`;
        const first = seen.get(id);
        if (first !== undefined) {
          if (first !== from) table.warnings.push(`${from}: host "${host}" path "${p.path ?? '/'}" is already routed by ${first}`);
          continue;
        }
        const target = resolveBackend(cluster, ns, p.backend);
        if (!target) {
          table.warnings.push(`${from}: path "${p.path ?? '/'}" has no Service backend (resource backends are not served)`);
          continue;
        }
        seen.set(id, from);
        list.push({ type, path, target, from });
      }
    }
    for (const tls of spec.tls ?? []) {
      if (!tls.secretName) continue;
      const secret = input.secrets.get(`${ns}/${tls.secretName}`);
      const cert = decodeB64(secret?.data?.['tls.crt']);
      const key = decodeB64(secret?.data?.['tls.key']);
      if (!secret || secret.type !== TLS_TYPE || !cert || !key) {
        table.warnings.push(`${from}: TLS secret "${ns}/${tls.secretName}" is missing or not a ${TLS_TYPE} Secret with tls.crt and tls.key`);
        continue;
      }
      // Without hosts the certificate covers the Ingress's own rule hosts.
      const hosts = (tls.hosts?.length ? tls.hosts : (spec.rules ?? []).map((r) => r.host ?? '').filter(Boolean)).map((h) => h.toLowerCase());
      const entry: TlsEntry = { hosts, cert, key, from };
      table.tls.push(entry);
    }
  }
  for (const list of [...table.hosts.values(), ...table.wildcards.values(), table.any]) list.sort(bySpecificity);
  return table;
}

function getOrAdd(m: Map<string, PathRoute[]>, k: string): PathRoute[] {
  let v = m.get(k);
  if (!v) m.set(k, (v = []));
  return v;
}
