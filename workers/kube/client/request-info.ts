// Parses a Kubernetes API path into what it addresses, like upstream's RequestInfoFactory.

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface ResourceRequest {
  group: string;
  version: string;
  /** Plural resource name, e.g. "pods". */
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  verb: Verb;
}

export type ParsedPath = { kind: 'resource'; req: ResourceRequest } | { kind: 'other' } | { kind: 'malformed' };

const isWatch = (q: URLSearchParams) => {
  const w = q.get('watch');
  return w === 'true' || w === '1';
};

export function parseResourcePath(method: string, path: string, query: URLSearchParams): ParsedPath {
  const parts = path.split('/').filter((p) => p !== '');
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return { kind: 'other' };
  }
  try {
    rest = rest.map(decodeURIComponent);
  } catch {
    return { kind: 'malformed' };
  }
  let namespace: string | undefined;
  // /namespaces/{ns}/{resource}/... addresses namespaced objects; /namespaces/{name}[/sub] the namespace itself.
  const namespaceSubresource = rest[0] === 'namespaces' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize');
  if (rest[0] === 'namespaces' && rest.length >= 3 && !namespaceSubresource) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource, ...extra] = rest;
  if (!resource || extra.length > 0) return { kind: 'other' };
  const verb = verbOf(method, name !== undefined, query);
  if (!verb) return { kind: 'other' };
  return { kind: 'resource', req: { group, version, resource, namespace, name, subresource, verb } };
}

function verbOf(method: string, hasName: boolean, query: URLSearchParams): Verb | undefined {
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (isWatch(query)) return 'watch';
      return hasName ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}
