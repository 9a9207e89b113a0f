// The node authorizer's rule for the agent's ingress proxy (agent/src/ingress): a node may get a
// kubernetes.io/tls Secret that an Ingress of kubeflare's IngressClass in the same namespace names in
// spec.tls. Every node serves every Ingress, so such a Secret is readable by every node; nothing else
// it could not already read becomes readable (other types stay refused). See docs/decisions.md.
import { claims, INGRESS_CONTROLLER, type IngressClassLike } from '../../../kube/ingress/claim';
import type { KObject } from '../../../kube/registry/types';
import { getObject, listObjects, type Db } from '../store';

interface IngressRow extends KObject {
  spec?: { ingressClassName?: string; tls?: { secretName?: string }[] };
}

/** 'allow', 'missing' (named by an Ingress but absent: let RBAC answer 404), or 'unrelated'. */
export async function ingressTlsSecret(db: Db, namespace: string, name: string): Promise<'allow' | 'missing' | 'unrelated'> {
  const { rows } = await listObjects(db, { resource: 'networking.k8s.io/ingresses', namespace });
  const naming = rows.map((r) => JSON.parse(r.json) as IngressRow).filter((i) => (i.spec?.tls ?? []).some((t) => t.secretName === name));
  if (!naming.length) return 'unrelated';
  const classes = (await listObjects(db, { resource: 'networking.k8s.io/ingressclasses' })).rows.map((r) => JSON.parse(r.json) as IngressClassLike);
  if (!naming.some((i) => claims(i, classes, INGRESS_CONTROLLER))) return 'unrelated';
  const row = await getObject(db, { resource: 'secrets', namespace, name });
  if (!row) return 'missing';
  return (JSON.parse(row.json) as { type?: string }).type === 'kubernetes.io/tls' ? 'allow' : 'unrelated';
}
