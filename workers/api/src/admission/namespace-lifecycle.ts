// Namespace lifecycle admission: namespaced objects may be created only in an existing namespace that
// is not being terminated; the system namespaces may not be deleted.
import type { KObject } from '../../../kube/registry/types';
import { forbidden, notFound } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { getObject } from '../store';

export const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

const EXISTS_CACHE_MS = 2_000;
const active = new Map<string, number>();

export async function admitNamespacedCreate(ctx: ResourceCtx, obj: KObject): Promise<void> {
  if (!ctx.def.namespaced) return;
  const ns = obj.metadata.namespace ?? '';
  const now = Date.now();
  if ((active.get(ns) ?? 0) > now) return;
  const row = await getObject(ctx.db, { resource: 'namespaces', namespace: '', name: ns });
  if (!row) throw notFound({ resource: 'namespaces', group: '' }, ns);
  const nsObj = JSON.parse(row.json) as KObject;
  if (nsObj.metadata.deletionTimestamp || (nsObj.status as { phase?: string } | undefined)?.phase === 'Terminating') {
    throw forbidden(
      `${ctx.def.plural}${ctx.def.group ? `.${ctx.def.group}` : ''} "${obj.metadata.name ?? ''}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
      { name: obj.metadata.name, group: ctx.def.group || undefined, kind: ctx.def.plural, causes: [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }] },
    );
  }
  if (active.size > 5_000) active.clear();
  active.set(ns, now + EXISTS_CACHE_MS);
}

export function forgetNamespace(ns: string) {
  active.delete(ns);
}

export function admitNamespaceDelete(name: string) {
  if (IMMORTAL_NAMESPACES.has(name)) {
    throw forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
  }
}
