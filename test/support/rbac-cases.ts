// The RBAC matrix: every verb × resource (× subresource) × namespace × name for each identity, plus
// non-resource paths, and the real HTTP request that carries a case's attributes where one exists.
import type { RefAttrs } from './rbac-reference';

export const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

interface Res {
  group: string;
  version: string;
  resource: string;
  subresource?: string;
  namespaced: boolean;
}
const r = (group: string, version: string, path: string, namespaced = true): Res => {
  const [resource, subresource] = path.split('/');
  return { group, version, resource, subresource, namespaced };
};

export const RESOURCES: Res[] = [
  r('', 'v1', 'pods'),
  r('', 'v1', 'pods/log'),
  r('', 'v1', 'pods/exec'),
  r('', 'v1', 'pods/status'),
  r('', 'v1', 'configmaps'),
  r('', 'v1', 'secrets'),
  r('', 'v1', 'nodes', false),
  r('apps', 'v1', 'deployments'),
  r('apps', 'v1', 'deployments/scale'),
  r('batch', 'v1', 'jobs/status'),
  r('example.com', 'v1', 'widgets'),
  r('rbac.authorization.k8s.io', 'v1', 'roles'),
];
export const SCOPES = ['ns-a', 'ns-b', ''];
/** `special` is the name resourceNames rules allow; subresource requests always name an object. */
const NAMES = [undefined, 'special'];
const SUBRESOURCE_NAMES = ['special', 'other'];
export const PATHS = ['/metrics', '/logs', '/logs/', '/logs/kubelet.log', '/api', '/apis', '/apis/apps/v1', '/healthz', '/healthz/ready', '/healthz/etcd', '/version', '/openid/v1/jwks', '/openapi/v3', '/foo'];
export const PATH_VERBS = ['get', 'post'];
/** Real requests sent per identity (half allowed, half denied where possible). */
export const REAL_REQUESTS_PER_IDENTITY = 16;

export interface MatrixCase {
  identity: number;
  attrs: RefAttrs;
  /** Group version, for building the real request. */
  version?: string;
}

const COLLECTION_VERBS = ['list', 'watch', 'deletecollection'];

/**
 * Attributes no client sends are left out: collections of a subresource (a subresource always names
 * its object), names on create or deletecollection (a create's name comes from its body, which
 * authorization never sees), a namespaced kind's single objects without a namespace, and a
 * cluster-scoped kind inside a namespace.
 */
function possible(verb: string, res: Res, namespace: string, name: string | undefined): boolean {
  if (!res.namespaced) return !namespace;
  if (!namespace && !COLLECTION_VERBS.includes(verb)) return false;
  if (res.subresource) return !COLLECTION_VERBS.includes(verb);
  return !(name && (verb === 'create' || verb === 'deletecollection'));
}

export function matrixCases(identities: number): MatrixCase[] {
  const out: MatrixCase[] = [];
  for (let identity = 0; identity < identities; identity++) {
    for (const res of RESOURCES) {
      for (const verb of VERBS) {
        for (const namespace of SCOPES) {
          for (const name of res.subresource ? SUBRESOURCE_NAMES : NAMES) {
            if (!possible(verb, res, namespace, name)) continue;
            const attrs: RefAttrs = { verb, group: res.group, resource: res.resource, subresource: res.subresource, namespace: namespace || undefined, name };
            out.push({ identity, attrs, version: res.version });
          }
        }
      }
    }
    for (const path of PATHS) for (const verb of PATH_VERBS) out.push({ identity, attrs: { verb, path } });
  }
  return out;
}

/** The SubjectAccessReview spec asking about one case. */
export function reviewSpec(user: string, groups: string[], a: RefAttrs) {
  if (a.path !== undefined) return { user, groups, nonResourceAttributes: { path: a.path, verb: a.verb } };
  const { verb, group, resource, subresource, namespace, name } = a;
  return { user, groups, resourceAttributes: { verb, group, resource, subresource, namespace, name } };
}

export interface RealRequest {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
  /** A watch (short: timeoutSeconds=1, read to its end, so no stream is cut off mid-flight). */
  stream?: boolean;
}

// Bodies are empty objects: authorization decides before the body is read, and an allowed request then
// fails validation (or finds nothing), so no case changes state. dryRun and a selector matching nothing
// are belt and braces for the deleting verbs.
const NOTHING = 'labelSelector=matrix-none%3Dnone';

/**
 * The HTTP request whose attributes are exactly the case's, or undefined when the API has none (get
 * without a name, a non-resource path that is not authorized here). exec and log use their real verbs:
 * POST for exec, GET for log.
 */
export function realRequest(c: MatrixCase): RealRequest | undefined {
  const a = c.attrs;
  if (a.path !== undefined) return a.path === '/openid/v1/jwks' && a.verb === 'get' ? { method: 'GET', path: a.path } : undefined;
  // Authorization precedes routing, so even /namespaces/ns-a/nodes or /api/v1/pods/x carry their attributes.
  const ns = a.namespace;
  const base = `${a.group ? `/apis/${a.group}` : '/api'}/${c.version}${ns ? `/namespaces/${ns}` : ''}/${a.resource}`;
  const item = a.name ? `${base}/${a.name}${a.subresource ? `/${a.subresource}` : ''}` : undefined;
  const named = a.name ? `&fieldSelector=${encodeURIComponent(`metadata.name=${a.name}`)}` : '';
  const sub = a.subresource;
  if (sub === 'exec' && a.verb !== 'create') return undefined; // a GET exec is a WebSocket upgrade authorized as create too
  switch (a.verb) {
    case 'get':
      return item ? { method: 'GET', path: item } : undefined;
    case 'list':
      return sub ? undefined : { method: 'GET', path: `${base}?limit=1${named}` };
    case 'watch':
      return sub ? undefined : { method: 'GET', path: `${base}?watch=true&timeoutSeconds=1${named}`, stream: true };
    case 'create':
      if (sub) return item ? { method: 'POST', path: `${item}?command=true&stdout=true`, body: '{}' } : undefined;
      return a.name ? undefined : { method: 'POST', path: `${base}?dryRun=All`, body: '{}' };
    case 'update':
      return item ? { method: 'PUT', path: `${item}?dryRun=All`, body: '{}' } : undefined;
    case 'patch':
      return item ? { method: 'PATCH', path: `${item}?dryRun=All`, body: '{}', contentType: 'application/merge-patch+json' } : undefined;
    case 'delete':
      return item ? { method: 'DELETE', path: `${item}?dryRun=All` } : undefined;
    case 'deletecollection':
      return sub || a.name ? undefined : { method: 'DELETE', path: `${base}?dryRun=All&${NOTHING}` };
  }
  return undefined;
}
