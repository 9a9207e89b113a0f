// The `default` ServiceAccount of the system namespaces, made at first start so that pods created right
// after the cluster comes up pass ServiceAccount admission before the controller has run (the controller
// keeps every namespace's `default` afterwards, as upstream's serviceaccounts-controller).
import type { KObject } from '../../../../kube/registry/types';
import { indexColumns, nowTimestamp } from '../../handlers/common';
import { builtinRegistry } from '../../registry';
import { createObject, type Db } from '../../store';

export async function createDefaultServiceAccounts(db: Db, namespaces: string[]): Promise<void> {
  const def = builtinRegistry.find('', 'v1', 'serviceaccounts');
  if (!def) throw new Error('serviceaccounts are not registered');
  for (const namespace of namespaces) {
    const sa: KObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace, uid: crypto.randomUUID(), creationTimestamp: nowTimestamp() } };
    def.defaults?.(sa);
    await createObject(db, { resource: 'serviceaccounts', namespace, name: 'default' }, sa, indexColumns(def, sa)); // exists → no-op
  }
}
