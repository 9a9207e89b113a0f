// managedFields on every write: who set which fields (the record server-side apply works from).
import { updateManagedFields } from '../../../kube/apply';
import type { KObject } from '../../../kube/registry/types';
import type { ResourceCtx } from '../context';
import { nowTimestamp } from './common';

/** The manager of a write: ?fieldManager=, else the client's user agent up to its first "/" (as upstream). */
export function fieldManagerOf(ctx: Pick<ResourceCtx, 'query' | 'request'>): string {
  const q = ctx.query.get('fieldManager');
  if (q) return q;
  const ua = ctx.request.headers.get('user-agent') ?? '';
  return ua.split('/')[0].trim().slice(0, 128) || 'unknown';
}

/** Records this write's fields in managedFields (Update operation). */
export function recordUpdate(ctx: ResourceCtx, old: KObject | undefined, next: KObject, subresource = ''): void {
  next.metadata.managedFields = updateManagedFields(old, next, fieldManagerOf(ctx), 'Update', subresource, nowTimestamp(), ctx.def.schema);
  if (next.metadata.managedFields.length === 0) delete next.metadata.managedFields;
}
