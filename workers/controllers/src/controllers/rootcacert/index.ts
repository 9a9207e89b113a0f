// The root CA publisher (upstream's root-ca-cert-publisher): every active namespace has the ConfigMap
// `kube-root-ca.crt` with `ca.crt` = the cluster CA (the KUBE_ROOT_CA_PEM variable), which the
// kube-api-access projected volume of every pod mounts. Follows namespaces only (not every ConfigMap in
// the cluster); a deleted or edited ConfigMap is put back at the next resync.
import { StatusError } from '../../../../kube/status';
import type { KObject } from '../../../../kube/registry/types';
import type { ControllerSpec } from '../../runtime/types';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** The ConfigMap as upstream publishes it. */
export function rootCaConfigMap(caPem: string): KObject & { data: Record<string, string> } {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA_CONFIGMAP, annotations: { 'kubernetes.io/description': DESCRIPTION } }, data: { 'ca.crt': caPem } };
}

/** What to do given the current ConfigMap (pure). */
export function rootCaAction(current: (KObject & { data?: Record<string, string> }) | null, caPem: string): 'create' | 'update' | 'none' {
  if (!current) return 'create';
  const data = current.data ?? {};
  const annotation = current.metadata.annotations?.['kubernetes.io/description'];
  return data['ca.crt'] === caPem && Object.keys(data).length === 1 && annotation === DESCRIPTION ? 'none' : 'update';
}

export const rootCaCertPublisher: ControllerSpec = {
  name: 'root-ca-cert-publisher',
  watches: [{ resource: 'namespaces', listPath: '/api/v1/namespaces' }],
  resyncMs: 5 * 60_000,
  keysFor: (_resource, obj) => [obj.metadata.name!],
  async reconcile(namespace, ctx) {
    const caPem = ctx.env?.KUBE_ROOT_CA_PEM;
    if (typeof caPem !== 'string' || caPem === '') return;
    const ns = ctx.cache.get('namespaces', namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps`;
    try {
      const current = await ctx.api.getOrNull<KObject & { data?: Record<string, string> }>(`${path}/${ROOT_CA_CONFIGMAP}`);
      const action = rootCaAction(current, caPem);
      if (action === 'create') await ctx.api.create(path, rootCaConfigMap(caPem));
      else if (action === 'update') {
        const want = rootCaConfigMap(caPem);
        const annotations = { ...(current!.metadata.annotations ?? {}), ...want.metadata.annotations };
        await ctx.api.update(`${path}/${ROOT_CA_CONFIGMAP}`, { ...current, metadata: { ...current!.metadata, annotations }, data: want.data });
      }
    } catch (e) {
      // Created meanwhile, changed under us (the next pass fixes it), or the namespace is going away.
      if (e instanceof StatusError && (e.code === 409 || e.code === 403 || e.code === 404)) return;
      throw e;
    }
  },
};
