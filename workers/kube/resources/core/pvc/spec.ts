// PersistentVolumeClaim spec and status (also embedded by ephemeral volumes and StatefulSet templates).
import { z } from 'zod';
import { labelSelector, objectMeta, time, atomicList, mapList } from '../../../schemas/meta';
import { coreId, opt } from '../common/util';
import { resourceList, typedLocalObjectReference, typedObjectReference } from '../common/refs';

export const volumeResourceRequirements = z
  .strictObject({
    limits: opt(resourceList(), 'Maximum amount of storage allowed.'),
    requests: opt(resourceList(), 'Minimum amount of storage the volume must provide.'),
  })
  .meta({ id: coreId('VolumeResourceRequirements'), description: 'Storage requests and limits of a claim.' });

export const persistentVolumeClaimSpec = z
  .strictObject({
    accessModes: opt(atomicList(z.string()), 'ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.'),
    selector: opt(labelSelector, 'Label query over volumes to bind to.'),
    resources: opt(volumeResourceRequirements, 'Minimum resources the volume should have.'),
    volumeName: opt(z.string(), 'Name of the PersistentVolume bound to this claim.'),
    storageClassName: opt(z.string(), 'StorageClass to provision from; empty string means none.'),
    volumeMode: opt(z.string(), 'Filesystem or Block; defaults to Filesystem.'),
    dataSource: opt(typedLocalObjectReference, 'Populate the volume from a snapshot or another claim.'),
    dataSourceRef: opt(typedObjectReference, 'Populate the volume from any populator-supported object.'),
    volumeAttributesClassName: opt(z.string(), 'VolumeAttributesClass used by this claim.'),
  })
  .meta({ id: coreId('PersistentVolumeClaimSpec'), description: 'The storage a user asks for.' });

export const persistentVolumeClaimCondition = z
  .strictObject({
    type: z.string().meta({ description: 'Condition type, e.g. Resizing or FileSystemResizePending.' }),
    status: z.string().meta({ description: 'True, False or Unknown.' }),
    lastProbeTime: opt(time()),
    lastTransitionTime: opt(time()),
    reason: opt(z.string()),
    message: opt(z.string()),
  })
  .meta({ id: coreId('PersistentVolumeClaimCondition'), description: 'One observed aspect of a claim.' });

export const modifyVolumeStatus = z
  .strictObject({
    targetVolumeAttributesClassName: opt(z.string()),
    status: z.string().meta({ description: 'Pending, InProgress or Infeasible.' }),
  })
  .meta({ id: coreId('ModifyVolumeStatus'), description: 'Progress of a volume attributes change.' });

export const persistentVolumeClaimStatus = z
  .strictObject({
    phase: opt(z.string(), 'Pending, Bound or Lost.'),
    accessModes: opt(atomicList(z.string()), 'Access modes of the bound volume.'),
    capacity: opt(resourceList(), 'Actual resources of the bound volume.'),
    conditions: opt(mapList(persistentVolumeClaimCondition, 'type'), 'Current conditions of the claim.'),
    allocatedResources: opt(resourceList(), 'Resources allocated during an expansion.'),
    allocatedResourceStatuses: opt(z.record(z.string(), z.string()).meta({ 'x-kubernetes-map-type': 'granular' }), 'Expansion state per resource.'),
    currentVolumeAttributesClassName: opt(z.string()),
    modifyVolumeStatus: opt(modifyVolumeStatus),
  })
  .meta({ id: coreId('PersistentVolumeClaimStatus'), description: 'The observed state of a claim.' });

export const persistentVolumeClaimTemplate = z
  .strictObject({
    metadata: opt(objectMeta, 'Labels and annotations copied to the created claim.'),
    spec: persistentVolumeClaimSpec,
  })
  .meta({ id: coreId('PersistentVolumeClaimTemplate'), description: 'Template of a claim created for an ephemeral volume.' });
