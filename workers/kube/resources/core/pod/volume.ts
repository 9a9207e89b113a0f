// Pod volumes. The common sources are checked field by field; the rarely used in-tree and cloud
// sources are accepted as free-form objects so valid manifests never fail Strict validation.
import { z } from 'zod';
import { int32, int64, quantity, labelSelector, atomicList, stringMap } from '../../../schemas/meta';
import { coreId, opt } from '../common/util';
import { localObjectReference, objectFieldSelector, resourceFieldSelector } from '../common/refs';
import { persistentVolumeClaimTemplate } from '../pvc/spec';

const mode = () => opt(int32(), 'File mode bits (0000-0777, written in decimal in JSON).');

export const keyToPath = z
  .strictObject({
    key: z.string().meta({ description: 'Key to project.' }),
    path: z.string().meta({ description: 'Relative file path to write the key to.' }),
    mode: mode(),
  })
  .meta({ id: coreId('KeyToPath'), description: 'Maps a key to a file path in a volume.' });

export const emptyDirVolumeSource = z
  .strictObject({
    medium: opt(z.string(), 'Storage medium: "" (node disk) or Memory (tmpfs).'),
    sizeLimit: opt(quantity(), 'Maximum size of the directory.'),
  })
  .meta({ id: coreId('EmptyDirVolumeSource'), description: 'A temporary directory that lives as long as the pod.' });

export const hostPathVolumeSource = z
  .strictObject({
    path: z.string().meta({ description: 'Path on the host.' }),
    type: opt(z.string(), 'Expected type: "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice.'),
  })
  .meta({ id: coreId('HostPathVolumeSource'), description: 'A file or directory of the host node.' });

export const configMapVolumeSource = z
  .strictObject({
    name: opt(z.string(), 'Name of the ConfigMap.'),
    items: opt(atomicList(keyToPath), 'Keys to project; all keys when empty.'),
    defaultMode: mode(),
    optional: opt(z.boolean(), 'Whether the ConfigMap may be missing.'),
  })
  .meta({ id: coreId('ConfigMapVolumeSource'), description: 'Projects the keys of a ConfigMap as files.' });

export const secretVolumeSource = z
  .strictObject({
    secretName: opt(z.string(), 'Name of the Secret.'),
    items: opt(atomicList(keyToPath), 'Keys to project; all keys when empty.'),
    defaultMode: mode(),
    optional: opt(z.boolean(), 'Whether the Secret may be missing.'),
  })
  .meta({ id: coreId('SecretVolumeSource'), description: 'Projects the keys of a Secret as files.' });

export const persistentVolumeClaimVolumeSource = z
  .strictObject({
    claimName: z.string().meta({ description: 'Name of the PersistentVolumeClaim in the pod namespace.' }),
    readOnly: opt(z.boolean(), 'Force a read-only mount.'),
  })
  .meta({ id: coreId('PersistentVolumeClaimVolumeSource'), description: 'Mounts a PersistentVolumeClaim.' });

export const downwardAPIVolumeFile = z
  .strictObject({
    path: z.string().meta({ description: 'Relative file path.' }),
    fieldRef: opt(objectFieldSelector),
    resourceFieldRef: opt(resourceFieldSelector),
    mode: mode(),
  })
  .meta({ id: coreId('DownwardAPIVolumeFile'), description: 'A file holding a pod field or resource value.' });

export const downwardAPIVolumeSource = z
  .strictObject({ items: opt(atomicList(downwardAPIVolumeFile)), defaultMode: mode() })
  .meta({ id: coreId('DownwardAPIVolumeSource'), description: 'Exposes pod fields as files.' });

export const nfsVolumeSource = z
  .strictObject({
    server: z.string().meta({ description: 'NFS server host name or IP.' }),
    path: z.string().meta({ description: 'Exported path.' }),
    readOnly: opt(z.boolean()),
  })
  .meta({ id: coreId('NFSVolumeSource'), description: 'An NFS mount.' });

export const csiVolumeSource = z
  .strictObject({
    driver: z.string().meta({ description: 'Name of the CSI driver.' }),
    readOnly: opt(z.boolean()),
    fsType: opt(z.string()),
    volumeAttributes: opt(stringMap(), 'Driver-specific properties.'),
    nodePublishSecretRef: opt(localObjectReference),
  })
  .meta({ id: coreId('CSIVolumeSource'), description: 'An ephemeral volume provided by a CSI driver.' });

export const ephemeralVolumeSource = z
  .strictObject({ volumeClaimTemplate: opt(persistentVolumeClaimTemplate) })
  .meta({ id: coreId('EphemeralVolumeSource'), description: 'A claim created with the pod and deleted with it.' });

export const imageVolumeSource = z
  .strictObject({ reference: opt(z.string(), 'Image or artifact reference.'), pullPolicy: opt(z.string()) })
  .meta({ id: coreId('ImageVolumeSource'), description: 'Mounts the contents of an OCI image.' });

const projection = (id: string, shape: z.core.$ZodLooseShape, description: string) =>
  z.strictObject(shape).meta({ id: coreId(id), description });

export const volumeProjection = z
  .strictObject({
    secret: opt(projection('SecretProjection', { name: opt(z.string()), items: opt(atomicList(keyToPath)), optional: opt(z.boolean()) }, 'Keys of a Secret.')),
    configMap: opt(projection('ConfigMapProjection', { name: opt(z.string()), items: opt(atomicList(keyToPath)), optional: opt(z.boolean()) }, 'Keys of a ConfigMap.')),
    downwardAPI: opt(projection('DownwardAPIProjection', { items: opt(atomicList(downwardAPIVolumeFile)) }, 'Pod fields.')),
    serviceAccountToken: opt(
      projection(
        'ServiceAccountTokenProjection',
        { audience: opt(z.string()), expirationSeconds: opt(int64()), path: z.string() },
        'A bound service account token.',
      ),
    ),
    clusterTrustBundle: opt(
      projection(
        'ClusterTrustBundleProjection',
        { name: opt(z.string()), signerName: opt(z.string()), labelSelector: opt(labelSelector), optional: opt(z.boolean()), path: z.string() },
        'Certificates of ClusterTrustBundle objects.',
      ),
    ),
    podCertificate: opt(z.record(z.string(), z.unknown()).meta({ id: coreId('PodCertificateProjection'), description: 'A pod certificate and key.' })),
  })
  .meta({ id: coreId('VolumeProjection'), description: 'One source of a projected volume.' });

export const projectedVolumeSource = z
  .strictObject({ sources: opt(atomicList(volumeProjection)), defaultMode: mode() })
  .meta({ id: coreId('ProjectedVolumeSource'), description: 'Several sources merged into one directory.' });

/** A rarely used source accepted without field checks. */
const looseCache = new Map<string, z.ZodRecord<z.ZodString, z.ZodUnknown>>();
export function looseSource(type: string) {
  // One instance per id, shared by pod volumes and PersistentVolumes.
  let s = looseCache.get(type);
  if (!s) {
    s = z.record(z.string(), z.unknown()).meta({ id: coreId(type), description: `${type} (accepted without field checks).` });
    looseCache.set(type, s);
  }
  return s;
}

/** Names of the in-tree and cloud sources kept loose (shared with PersistentVolume). */
const looseVolumeSources = {
  awsElasticBlockStore: 'AWSElasticBlockStoreVolumeSource',
  azureDisk: 'AzureDiskVolumeSource',
  azureFile: 'AzureFileVolumeSource',
  cephfs: 'CephFSVolumeSource',
  cinder: 'CinderVolumeSource',
  fc: 'FCVolumeSource',
  flexVolume: 'FlexVolumeSource',
  flocker: 'FlockerVolumeSource',
  gcePersistentDisk: 'GCEPersistentDiskVolumeSource',
  gitRepo: 'GitRepoVolumeSource',
  glusterfs: 'GlusterfsVolumeSource',
  iscsi: 'ISCSIVolumeSource',
  photonPersistentDisk: 'PhotonPersistentDiskVolumeSource',
  portworxVolume: 'PortworxVolumeSource',
  quobyte: 'QuobyteVolumeSource',
  rbd: 'RBDVolumeSource',
  scaleIO: 'ScaleIOVolumeSource',
  storageos: 'StorageOSVolumeSource',
  vsphereVolume: 'VsphereVirtualDiskVolumeSource',
} as const;

const looseShape = Object.fromEntries(Object.entries(looseVolumeSources).map(([k, t]) => [k, opt(looseSource(t))])) as Record<
  keyof typeof looseVolumeSources,
  z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnknown>>
>;

export const volumeSourceShape = {
  emptyDir: opt(emptyDirVolumeSource),
  hostPath: opt(hostPathVolumeSource),
  configMap: opt(configMapVolumeSource),
  secret: opt(secretVolumeSource),
  persistentVolumeClaim: opt(persistentVolumeClaimVolumeSource),
  projected: opt(projectedVolumeSource),
  downwardAPI: opt(downwardAPIVolumeSource),
  nfs: opt(nfsVolumeSource),
  csi: opt(csiVolumeSource),
  ephemeral: opt(ephemeralVolumeSource),
  image: opt(imageVolumeSource),
  ...looseShape,
};

export const VOLUME_SOURCE_KEYS = Object.keys(volumeSourceShape);

export const volume = z
  .strictObject({ name: z.string().meta({ description: 'Volume name, a DNS label unique in the pod.' }), ...volumeSourceShape })
  .meta({ id: coreId('Volume'), description: 'A named volume that containers of the pod can mount; exactly one source is set.' });
