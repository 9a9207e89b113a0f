import type { KObject } from '../controllers/common/types';

export interface Claim extends KObject {
  spec?: {
    accessModes?: string[];
    resources?: { requests?: Record<string, string> };
    storageClassName?: string | null;
    volumeName?: string;
    volumeMode?: string;
    selector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  };
  status?: { phase?: string; capacity?: Record<string, string>; accessModes?: string[] };
}

export interface Volume extends KObject {
  spec?: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    storageClassName?: string;
    volumeMode?: string;
    persistentVolumeReclaimPolicy?: string;
    claimRef?: { kind?: string; apiVersion?: string; namespace?: string; name?: string; uid?: string; resourceVersion?: string };
    hostPath?: { path: string; type?: string };
    local?: { path: string };
    nodeAffinity?: { required?: { nodeSelectorTerms: { matchExpressions?: { key: string; operator: string; values?: string[] }[]; matchFields?: { key: string; operator: string; values?: string[] }[] }[] } };
  };
  status?: { phase?: string; message?: string; reason?: string };
}

export interface StorageClass extends KObject {
  provisioner: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  parameters?: Record<string, string>;
}

export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
/** The built-in provisioner: a directory on the node the first consumer lands on. */
export const LOCAL_PATH_PROVISIONER = 'kubeflare.dev/local-path';
export const LOCAL_PATH_ROOT = '/var/lib/kubeflare/local-path';
