// The Namespace resource: a scope for names, policies and quotas.
import { z } from 'zod';
import type { KObject, ResourceDef } from '../../registry/types';
import { kobject, time, atomicList, mapList } from '../../schemas/meta';
import { dns1123Label } from '../../validation/names';
import { enumValue } from './common/checks';
import { coreId, opt } from './common/util';

const namespaceCondition = z
  .strictObject({
    type: z.string(),
    status: z.string(),
    lastTransitionTime: opt(time()),
    reason: opt(z.string()),
    message: opt(z.string()),
  })
  .meta({ id: coreId('NamespaceCondition'), description: 'One observed aspect of a namespace, e.g. content deletion progress.' });

export const namespace = kobject(coreId('Namespace'), 'A scope for the names of namespaced objects.', {
  spec: opt(
    z
      .strictObject({ finalizers: opt(atomicList(z.string()), 'Must be empty before the namespace is removed; changed through /finalize.') })
      .meta({ id: coreId('NamespaceSpec'), description: 'The attributes of a namespace.' }),
  ),
  status: opt(
    z
      .strictObject({
        phase: opt(z.string(), 'Active or Terminating.'),
        conditions: opt(mapList(namespaceCondition, 'type'), 'Current conditions of the namespace.'),
      })
      .meta({ id: coreId('NamespaceStatus'), description: 'The observed state of a namespace.' }),
  ),
});

export interface Namespace extends KObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: string; conditions?: unknown[] };
}

/** The finalizer that makes the namespace controller empty a namespace before it goes away. */
export const KUBERNETES_FINALIZER = 'kubernetes';

export const namespaceResource: ResourceDef<Namespace> = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  schema: namespace,
  status: true,
  subresources: ['finalize'],
  generation: 'none',
  nameValidator: dns1123Label,
  defaults(obj) {
    // Lets namespace selectors match on the name (upstream sets this label on every write).
    if (obj.metadata.name) (obj.metadata.labels ??= {})['kubernetes.io/metadata.name'] = obj.metadata.name;
    (obj.status ??= {}).phase ||= 'Active';
  },
  prepareForCreate(obj) {
    // Finalizers are only added here: re-adding them on update would undo /finalize.
    const spec = (obj.spec ??= {});
    if (!spec.finalizers?.includes(KUBERNETES_FINALIZER)) spec.finalizers = [...(spec.finalizers ?? []), KUBERNETES_FINALIZER];
    obj.status = { phase: 'Active' };
  },
  validate(obj, errs) {
    enumValue(errs, 'status.phase', obj.status?.phase, ['Active', 'Terminating']);
  },
  fields(obj) {
    return { 'status.phase': obj.status?.phase ?? '' };
  },
};
