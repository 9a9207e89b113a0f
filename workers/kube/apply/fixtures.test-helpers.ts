// Shared fixtures for this folder's tests: the real apps/v1 Deployment schema and a web server
// Deployment as `kubectl apply --server-side` would send it.
import { defaultDeployment, deployment } from '../resources/apps';
import type { KObject } from '../registry/types';
import { serverSideApply, type ApplyOptions } from './apply';
import { updateManagedFields } from './update';

export const schema = deployment;
export const T0 = '2026-01-02T03:04:05Z';
export const T1 = '2026-01-02T03:05:00Z';
export const T2 = '2026-01-02T03:06:00Z';

export const webConfig = (over: { replicas?: number; image?: string; labels?: Record<string, string> } = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: over.labels ?? { app: 'web' } },
  spec: {
    ...(over.replicas === undefined ? {} : { replicas: over.replicas }),
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: over.image ?? 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
    },
  },
});

export const apply = (live: KObject | undefined, config: Record<string, unknown>, manager: string, extra: Partial<ApplyOptions> = {}) =>
  serverSideApply(live, config, { manager, force: false, time: T0, schema, apiVersion: 'apps/v1', ...extra });

/** A stored object after an ordinary write by `manager` (defaults applied, as the server does on create). */
export function written(old: KObject | undefined, next: Record<string, unknown>, manager: string, time = T0): KObject {
  const obj = structuredClone(next) as KObject;
  if (!old) defaultDeployment(obj as never);
  obj.metadata.managedFields = updateManagedFields(old, obj, manager, 'Update', '', time, schema);
  return obj;
}

/** managedFields as `{manager/operation: fieldsV1 text}` for compact expectations. */
export const owners = (obj: KObject) =>
  Object.fromEntries((obj.metadata.managedFields as { manager: string; operation: string; fieldsV1: unknown }[]).map((e) => [`${e.manager}/${e.operation}`, JSON.stringify(e.fieldsV1)]));

export const spec = (obj: KObject) => obj.spec as { replicas?: number; template: { spec: { containers: Record<string, unknown>[] } } };
