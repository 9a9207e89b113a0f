// The resource quota controller: keeps every ResourceQuota's status (hard, used) current. The API owns
// the usage counters (changed in the same batch as each create and delete, which also refresh the
// status) and recalculates them from the objects on a status write, so this controller asks for that
// write when a quota is created or changed, and on a resync: usage that moves without a create or delete
// (a pod that finished) is caught within `resyncMs`.
import { StatusError } from '../../../kube/status';
import type { KObject } from '../../../kube/registry/types';
import type { ControllerSpec } from '../runtime/types';

const QUOTA = 'resourcequotas';

const keyOf = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

export const resourceQuotaController: ControllerSpec = {
  name: 'resourcequota-controller',
  watches: [{ resource: QUOTA, listPath: '/api/v1/resourcequotas' }],
  keysFor(_resource, obj) {
    return [keyOf(obj)];
  },
  async reconcile(key, ctx) {
    const quota = ctx.cache.get(QUOTA, key);
    if (!quota || quota.metadata.deletionTimestamp) return;
    const [namespace, name] = key.split('/');
    try {
      // Any status write makes the API recalculate and fill status.hard and status.used.
      await ctx.api.patch(`/api/v1/namespaces/${encodeURIComponent(namespace)}/resourcequotas/${encodeURIComponent(name)}/status`, { status: {} });
    } catch (e) {
      if (e instanceof StatusError && (e.code === 404 || e.code === 409)) return;
      throw e;
    }
  },
  resyncMs: 15_000,
};
