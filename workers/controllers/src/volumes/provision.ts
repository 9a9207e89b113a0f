// The built-in local-path provisioner: a hostPath PersistentVolume in a directory of its own on the node
// the claim's first consumer was scheduled to, pinned there by node affinity (WaitForFirstConsumer).
import type { Claim, StorageClass, Volume } from './types';
import { LOCAL_PATH_PROVISIONER, LOCAL_PATH_ROOT, PROVISIONED_BY, SELECTED_NODE } from './types';

export function provisionedVolume(c: Claim, cls: StorageClass): Volume {
  const name = `pvc-${c.metadata.uid}`;
  const node = c.metadata.annotations?.[SELECTED_NODE];
  const root = cls.parameters?.path ?? LOCAL_PATH_ROOT;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations: { [PROVISIONED_BY]: LOCAL_PATH_PROVISIONER } },
    spec: {
      capacity: { storage: c.spec?.resources?.requests?.storage ?? '1Gi' },
      accessModes: c.spec?.accessModes ?? ['ReadWriteOnce'],
      storageClassName: cls.metadata.name,
      volumeMode: c.spec?.volumeMode ?? 'Filesystem',
      persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
      hostPath: { path: `${root}/${name}_${c.metadata.namespace}_${c.metadata.name}`, type: 'DirectoryOrCreate' },
      claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: c.metadata.namespace, name: c.metadata.name, uid: c.metadata.uid },
      ...(node ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } } : {}),
    },
  };
}

/** Whether this controller provisions for the class (others are an external provisioner's job). */
export const provisionsFor = (cls: StorageClass | undefined) => cls?.provisioner === LOCAL_PATH_PROVISIONER;
