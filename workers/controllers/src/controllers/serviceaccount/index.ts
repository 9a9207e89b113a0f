// The ServiceAccount controller: every active namespace has a `default` ServiceAccount (recreated if
// deleted), as upstream's serviceaccounts-controller keeps it.
import { StatusError } from '../../../../kube/status';
import type { ControllerSpec } from '../../runtime/types';

export const serviceAccountController: ControllerSpec = {
  name: 'serviceaccount-controller',
  watches: [
    { resource: 'namespaces', listPath: '/api/v1/namespaces' },
    { resource: 'serviceaccounts', listPath: '/api/v1/serviceaccounts' },
  ],
  keysFor(resource, obj) {
    if (resource === 'namespaces') return [obj.metadata.name!];
    return obj.metadata.name === 'default' ? [obj.metadata.namespace!] : [];
  },
  async reconcile(namespace, ctx) {
    const ns = ctx.cache.get('namespaces', namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    if (ctx.cache.get('serviceaccounts', `${namespace}/default`)) return;
    try {
      await ctx.api.create(`/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
    } catch (e) {
      // Already there (the cache is behind) or the namespace is going away: nothing to do.
      if (e instanceof StatusError && (e.code === 409 || e.code === 403 || e.code === 404)) return;
      throw e;
    }
  },
};
