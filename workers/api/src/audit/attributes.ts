// What the audit log says a request addressed: the verb and objectRef of a resource request (as the
// authorizer sees it), or the lower-cased method and path of a non-resource request.
import { parseResourcePath } from '../request/info';
import type { ObjectRef } from './types';

export interface RequestTarget {
  verb: string;
  requestURI: string;
  path: string;
  objectRef?: ObjectRef;
}

export function targetOf(req: Request): RequestTarget {
  const url = new URL(req.url);
  const requestURI = url.pathname + url.search;
  const parsed = parseResourcePath(req.method, url.pathname, url.searchParams);
  if (parsed.kind !== 'resource') {
    return { verb: req.method.toLowerCase(), requestURI, path: url.pathname };
  }
  const r = parsed.req;
  const objectRef: ObjectRef = { resource: r.resource };
  if (r.namespace !== undefined) objectRef.namespace = r.namespace;
  if (r.name !== undefined) objectRef.name = r.name;
  objectRef.apiGroup = r.group;
  objectRef.apiVersion = r.version;
  if (r.subresource !== undefined) objectRef.subresource = r.subresource;
  return { verb: r.verb, requestURI, path: url.pathname, objectRef };
}
