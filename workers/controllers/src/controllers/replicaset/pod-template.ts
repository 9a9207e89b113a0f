// The pod a ReplicaSet creates: its template, named after it, controlled by it.
import { controllerRef } from '../common/controller-ref';
import type { Pod, ReplicaSet } from '../common/types';

/** `<rs>-` as the generateName prefix; upstream falls back to the bare name when that is too long. */
function namePrefix(name: string): string {
  return name.length + 1 <= 253 - 5 ? `${name}-` : name;
}

export function podFromTemplate(rs: ReplicaSet): Pod {
  const t = rs.spec?.template ?? {};
  const owner = { ...rs, apiVersion: rs.apiVersion ?? 'apps/v1', kind: rs.kind ?? 'ReplicaSet' };
  const meta = t.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: namePrefix(rs.metadata.name ?? ''),
      namespace: rs.metadata.namespace,
      labels: { ...(meta.labels ?? {}) },
      ownerReferences: [controllerRef(owner)],
    },
    spec: structuredClone(t.spec ?? { containers: [] }),
  };
  if (meta.annotations && Object.keys(meta.annotations).length) pod.metadata.annotations = { ...meta.annotations };
  if (meta.finalizers?.length) pod.metadata.finalizers = [...meta.finalizers];
  return pod;
}
