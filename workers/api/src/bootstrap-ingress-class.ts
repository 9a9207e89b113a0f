// The `kubeflare` IngressClass (controller kubeflare.dev/ingress, the agents' ingress proxy), marked as
// the default class, created at first start only when the cluster has no IngressClass at all: an
// operator who installed another controller keeps it as the only one.
import type { KObject } from '../../kube/registry/types';
import { DEFAULT_CLASS_ANNOTATION, DEFAULT_INGRESS_CLASS, INGRESS_CONTROLLER } from '../../kube/ingress/claim';
import { indexColumns, nowTimestamp } from './handlers/common';
import { builtinRegistry } from './registry';
import { createObject, listObjects, type Db } from './store';

export async function createDefaultIngressClass(db: Db): Promise<void> {
  const def = builtinRegistry.find('networking.k8s.io', 'v1', 'ingressclasses');
  if (!def) throw new Error('ingressclasses are not registered');
  const resource = 'networking.k8s.io/ingressclasses';
  if ((await listObjects(db, { resource, limit: 1 })).rows.length) return;
  const cls: KObject & { spec: { controller: string } } = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: DEFAULT_INGRESS_CLASS, uid: crypto.randomUUID(), creationTimestamp: nowTimestamp(), annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
    spec: { controller: INGRESS_CONTROLLER },
  };
  def.defaults?.(cls);
  await createObject(db, { resource, namespace: '', name: DEFAULT_INGRESS_CLASS }, cls, indexColumns(def, cls)); // exists → no-op
}
