// A controller must see its own writes before it decides again (or it would, say, create a Job's pod
// twice). Its pokes may be held back (pokeIntervalMs, the channel's minGapMs), so the runtime does not
// wait for them: every write through the client marks its resource to be read at the next round.

import type { ApiClient } from '../../../kube/client';
import { parseResourcePath } from '../../../kube/client/request-info';

/** The store key ("pods", "apps/replicasets") of an API path, or undefined when it is not a resource path. */
export function storeKeyOfPath(path: string): string | undefined {
  const [pathname, search = ''] = path.split('?');
  const parsed = parseResourcePath('GET', pathname, new URLSearchParams(search));
  if (parsed.kind !== 'resource') return undefined;
  return parsed.req.group ? `${parsed.req.group}/${parsed.req.resource}` : parsed.req.resource;
}

/** `api`, but every request other than a GET first calls `onWrite` with the resource's store key. */
export function noticingWrites(api: ApiClient, onWrite: (resource: string) => void): ApiClient {
  const wrapped = Object.create(api) as ApiClient;
  wrapped.request = (method, path, body, contentType) => {
    if (method !== 'GET') {
      const key = storeKeyOfPath(path);
      if (key) onWrite(key);
    }
    return api.request(method, path, body, contentType);
  };
  return wrapped;
}
