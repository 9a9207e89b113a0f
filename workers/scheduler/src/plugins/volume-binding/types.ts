// The storage objects VolumeBinding reads (the fields it needs).
import type { NodeSelectorTerm } from '../../framework/types';

export interface Claim {
  metadata: { name?: string; namespace?: string; uid?: string; annotations?: Record<string, string>; deletionTimestamp?: string };
  spec?: { storageClassName?: string | null; volumeName?: string; accessModes?: string[]; resources?: { requests?: Record<string, string> }; volumeMode?: string };
  status?: { phase?: string };
}

export interface Volume {
  metadata: { name?: string; labels?: Record<string, string>; deletionTimestamp?: string };
  spec?: {
    storageClassName?: string;
    claimRef?: { namespace?: string; name?: string; uid?: string };
    nodeAffinity?: { required?: { nodeSelectorTerms: NodeSelectorTerm[] } };
    capacity?: Record<string, string>;
    accessModes?: string[];
  };
  status?: { phase?: string };
}

export interface StorageClass {
  metadata: { name?: string };
  provisioner?: string;
  volumeBindingMode?: string;
}

export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
