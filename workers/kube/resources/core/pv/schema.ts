// PersistentVolume schema: a piece of storage provisioned by an admin or a provisioner.
import { z } from 'zod';
import { kobject, time, atomicList, stringMap } from '../../../schemas/meta';
import { coreId, opt } from '../common/util';
import { nodeSelector, objectReference, resourceList, secretReference } from '../common/refs';
import { hostPathVolumeSource, looseSource, nfsVolumeSource } from '../pod/volume';

export const csiPersistentVolumeSource = z
  .strictObject({
    driver: z.string().meta({ description: 'Name of the CSI driver.' }),
    volumeHandle: z.string().meta({ description: 'Driver-specific volume ID.' }),
    readOnly: opt(z.boolean()),
    fsType: opt(z.string()),
    volumeAttributes: opt(stringMap(), 'Driver-specific properties.'),
    controllerPublishSecretRef: opt(secretReference),
    nodeStageSecretRef: opt(secretReference),
    nodePublishSecretRef: opt(secretReference),
    controllerExpandSecretRef: opt(secretReference),
    nodeExpandSecretRef: opt(secretReference),
  })
  .meta({ id: coreId('CSIPersistentVolumeSource'), description: 'Storage managed by an external CSI driver.' });

export const localVolumeSource = z
  .strictObject({ path: z.string().meta({ description: 'Full path of the volume on the node.' }), fsType: opt(z.string()) })
  .meta({ id: coreId('LocalVolumeSource'), description: 'A local disk or directory of a node.' });

/** PV sources kept loose: in-tree and cloud plugins that are deprecated or rarely used. */
const LOOSE_PV_SOURCES = {
  awsElasticBlockStore: 'AWSElasticBlockStoreVolumeSource',
  azureDisk: 'AzureDiskVolumeSource',
  azureFile: 'AzureFilePersistentVolumeSource',
  cephfs: 'CephFSPersistentVolumeSource',
  cinder: 'CinderPersistentVolumeSource',
  fc: 'FCVolumeSource',
  flexVolume: 'FlexPersistentVolumeSource',
  flocker: 'FlockerVolumeSource',
  gcePersistentDisk: 'GCEPersistentDiskVolumeSource',
  glusterfs: 'GlusterfsPersistentVolumeSource',
  iscsi: 'ISCSIPersistentVolumeSource',
  photonPersistentDisk: 'PhotonPersistentDiskVolumeSource',
  portworxVolume: 'PortworxVolumeSource',
  quobyte: 'QuobyteVolumeSource',
  rbd: 'RBDPersistentVolumeSource',
  scaleIO: 'ScaleIOPersistentVolumeSource',
  storageos: 'StorageOSPersistentVolumeSource',
  vsphereVolume: 'VsphereVirtualDiskVolumeSource',
} as const;

const looseShape = Object.fromEntries(Object.entries(LOOSE_PV_SOURCES).map(([k, t]) => [k, opt(looseSource(t))])) as Record<
  keyof typeof LOOSE_PV_SOURCES,
  z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnknown>>
>;

const pvSourceShape = { hostPath: opt(hostPathVolumeSource), nfs: opt(nfsVolumeSource), csi: opt(csiPersistentVolumeSource), local: opt(localVolumeSource), ...looseShape };

export const PV_SOURCE_KEYS = Object.keys(pvSourceShape);

export const volumeNodeAffinity = z
  .strictObject({ required: opt(nodeSelector, 'Nodes that can access the volume.') })
  .meta({ id: coreId('VolumeNodeAffinity'), description: 'Restricts which nodes may use the volume.' });

export const persistentVolumeSpec = z
  .strictObject({
    capacity: opt(resourceList(), 'Size of the volume (storage).'),
    accessModes: opt(atomicList(z.string()), 'ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.'),
    claimRef: opt(objectReference, 'The claim bound to this volume.'),
    persistentVolumeReclaimPolicy: opt(z.string(), 'Retain, Delete or Recycle; defaults to Retain.'),
    storageClassName: opt(z.string(), 'StorageClass the volume belongs to.'),
    mountOptions: opt(atomicList(z.string()), 'Mount options used when mounting the volume.'),
    volumeMode: opt(z.string(), 'Filesystem or Block; defaults to Filesystem.'),
    nodeAffinity: opt(volumeNodeAffinity),
    volumeAttributesClassName: opt(z.string(), 'VolumeAttributesClass of the volume.'),
    ...pvSourceShape,
  })
  .meta({ id: coreId('PersistentVolumeSpec'), description: 'The storage a volume provides; exactly one source is set.' });

export const persistentVolumeStatus = z
  .strictObject({
    phase: opt(z.string(), 'Pending, Available, Bound, Released or Failed.'),
    message: opt(z.string()),
    reason: opt(z.string()),
    lastPhaseTransitionTime: opt(time()),
  })
  .meta({ id: coreId('PersistentVolumeStatus'), description: 'The observed state of a volume.' });

export const persistentVolume = kobject(coreId('PersistentVolume'), 'A piece of cluster storage, provisioned by an admin or dynamically.', {
  spec: opt(persistentVolumeSpec),
  status: opt(persistentVolumeStatus),
});

export type PersistentVolumeSpec = z.infer<typeof persistentVolumeSpec>;
