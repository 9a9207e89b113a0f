import type { ResourceDef } from '../../registry/types';
import { storageClass } from './storage-class';

/** storage.k8s.io/v1 resources (StorageClass only so far; CSI kinds and VolumeAttachment are not served yet). */
export const resources: ResourceDef<any>[] = [storageClass];

export { storageClass };
