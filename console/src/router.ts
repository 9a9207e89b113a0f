// Hash routes: every page has a deep link, and the token never appears in one.
//   #/                              overview
//   #/r/<kind-key>?ns=&q=&l=&sort=  list (ns "" = all namespaces)
//   #/r/<kind-key>/<ns|_>/<name>    detail (tab: ?tab=yaml|logs|shell)
//   #/apply?ns=&edit=<kind>/<ns|_>/<name>   the YAML editor (create/apply, or edit one object)
export type Route =
  | { page: 'overview' }
  | { page: 'apply'; ns?: string; edit?: string }
  | { page: 'list'; kind: string; ns?: string; q?: string; l?: string; sort?: string }
  | { page: 'detail'; kind: string; ns?: string; name: string; tab?: string }
  | { page: 'notfound'; path: string };

const CLUSTER = '_';

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?', 2);
  const q = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'overview')) return { page: 'overview' };
  if (parts.length === 1 && parts[0] === 'apply') return compact({ page: 'apply', ns: q.get('ns') || undefined, edit: q.get('edit') || undefined });
  if (parts[0] === 'r' && parts.length === 2) {
    return compact({ page: 'list', kind: parts[1], ns: q.get('ns') ?? undefined, q: q.get('q') || undefined, l: q.get('l') || undefined, sort: q.get('sort') || undefined });
  }
  if (parts[0] === 'r' && parts.length === 4) {
    return compact({ page: 'detail', kind: parts[1], ns: parts[2] === CLUSTER ? undefined : parts[2], name: parts[3], tab: q.get('tab') || undefined });
  }
  return { page: 'notfound', path };
}

export function formatRoute(r: Route): string {
  switch (r.page) {
    case 'overview':
      return '#/';
    case 'apply':
      return `#/apply${query({ ns: r.ns, edit: r.edit })}`;
    case 'list':
      return `#/r/${encodeURIComponent(r.kind)}${query({ ns: r.ns, q: r.q, l: r.l, sort: r.sort })}`;
    case 'detail':
      return `#/r/${encodeURIComponent(r.kind)}/${r.ns ? encodeURIComponent(r.ns) : CLUSTER}/${encodeURIComponent(r.name)}${query({ tab: r.tab })}`;
    case 'notfound':
      return `#${r.path}`;
  }
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
