// The kubelet's token source for projected serviceAccountToken volumes: a TokenRequest for the pod's
// ServiceAccount, bound to the pod (its name and uid), made with the node's own credential. The node
// authorizer lets a node do this only for service accounts of pods bound to it.
import type { Pod } from '../../../workers/kube/resources/core/pod';
import type { TokenSource } from './volumes/payload';

export interface TokenRequester {
  create<T>(path: string, obj: unknown): Promise<T>;
}

interface TokenRequestResult {
  status?: { token?: string; expirationTimestamp?: string };
}

/** Upstream's kubelet leaves an empty audience out, so the API's own audiences apply. */
export function serviceAccountTokenSource(api: TokenRequester): TokenSource {
  return async (pod: Pod, audience: string, expirationSeconds: number) => {
    const ns = pod.metadata.namespace ?? 'default';
    const sa = pod.spec.serviceAccountName || 'default';
    const body = {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: {
        ...(audience ? { audiences: [audience] } : {}),
        expirationSeconds,
        boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, uid: pod.metadata.uid },
      },
    };
    const res = await api.create<TokenRequestResult>(`/api/v1/namespaces/${encodeURIComponent(ns)}/serviceaccounts/${encodeURIComponent(sa)}/token`, body);
    const token = res.status?.token;
    if (!token) throw new Error(`TokenRequest for ${ns}/${sa} returned no token`);
    return token;
  };
}
