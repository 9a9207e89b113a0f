// A controller must see its own writes before it decides again (or it would, say, create a Job's pod
// twice). Its pokes may be held back (pokeIntervalMs, the channel's minGapMs), so the runtime does not
// wait for them: every write through the client marks its resource to be read at the next round.

import type { ApiClient } from '../../../kube/client';

/** The store key ("pods", "apps/replicasets") of an API path, or undefined when it is not a resource path. */
export function storeKeyOfPath(path: string): string | undefined {
  const segs = path.split('?')[0].split('/').filter(Boolean);
  let group: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) {
    group = '';
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 4) {
    group = segs[1];
    rest = segs.slice(3);
  } else return undefined;
  // namespaces/{name}/status and /finalize are the Namespace's own subresources.
  const namespaced = rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'));
  const resource = namespaced ? rest[2] : rest[0];
  return group ? `${group}/${resource}` : resource;
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
