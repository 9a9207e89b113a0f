// The scale target of an HPA: the path of its /scale subresource, from scaleTargetRef. Built-in kinds
// are known; any other kind (e.g. a custom resource with a scale subresource) is looked up in its
// group-version's discovery document.
import type { ApiClient } from '../../../kube/client';

const KNOWN: Record<string, string> = {
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  StatefulSet: 'statefulsets',
  ReplicationController: 'replicationcontrollers',
};

export interface TargetRef {
  apiVersion?: string;
  kind: string;
  name: string;
}

export interface Scale {
  spec?: { replicas?: number };
  status?: { replicas?: number; selector?: string };
}

export async function scalePath(api: ApiClient, namespace: string, ref: TargetRef): Promise<string> {
  const apiVersion = ref.apiVersion || 'v1';
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  let plural: string | undefined = KNOWN[ref.kind];
  if (!plural) {
    const doc = await api.get<{ resources?: { name: string; kind: string }[] }>(base);
    plural = doc.resources?.find((r) => r.kind === ref.kind && !r.name.includes('/'))?.name;
  }
  if (!plural) throw new Error(`no matches for kind "${ref.kind}" in group-version "${apiVersion}"`);
  return `${base}/namespaces/${encodeURIComponent(namespace)}/${plural}/${encodeURIComponent(ref.name)}/scale`;
}
