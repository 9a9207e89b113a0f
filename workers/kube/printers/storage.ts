// PersistentVolumes, PersistentVolumeClaims and StorageClasses.
import { AGE, NAME, col } from './columns';
import { since } from './duration';
import { accessModes, quantityText } from './format';
import type { Printer } from './types';
import type { KObject } from '../registry/types';

// The beta annotation still wins over spec.storageClassName, as upstream reads it.
const CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

interface PV extends KObject {
  spec?: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    persistentVolumeReclaimPolicy?: string;
    claimRef?: { namespace?: string; name?: string };
    storageClassName?: string;
    volumeAttributesClassName?: string;
    volumeMode?: string;
  };
  status?: { phase?: string; reason?: string };
}

interface PVC extends KObject {
  spec?: { volumeName?: string; storageClassName?: string; volumeAttributesClassName?: string; volumeMode?: string };
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string> };
}

const storageClassOf = (o: PV | PVC) => o.metadata.annotations?.[CLASS_ANNOTATION] ?? o.spec?.storageClassName ?? '';

export const persistentVolumePrinter: Printer<PV> = {
  columns: [
    NAME,
    col('Capacity', 'Storage capacity.'),
    col('Access Modes', 'Ways the volume can be mounted.'),
    col('Reclaim Policy', 'What happens when the claim is released.'),
    col('Status', 'Lifecycle phase.'),
    col('Claim', 'Bound claim as namespace/name.'),
    col('StorageClass', 'Storage class of the volume.'),
    col('VolumeAttributesClass', 'Volume attributes class.'),
    col('Reason', 'Why the volume is in this phase.'),
    AGE,
    col('VolumeMode', 'Filesystem or Block.', { wide: true }),
  ],
  cells(pv, now) {
    const spec = pv.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    const phase = pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? '');
    return [
      pv.metadata.name ?? '',
      quantityText(spec.capacity?.storage),
      accessModes(spec.accessModes),
      spec.persistentVolumeReclaimPolicy ?? '',
      phase,
      claim,
      storageClassOf(pv),
      spec.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      since(pv.metadata.creationTimestamp, now),
      spec.volumeMode ?? '<unset>',
    ];
  },
};

export const persistentVolumeClaimPrinter: Printer<PVC> = {
  columns: [
    NAME,
    col('Status', 'Lifecycle phase.'),
    col('Volume', 'Bound volume.'),
    col('Capacity', 'Capacity of the bound volume.'),
    col('Access Modes', 'Access modes of the bound volume.'),
    col('StorageClass', 'Storage class requested.'),
    col('VolumeAttributesClass', 'Volume attributes class.'),
    AGE,
    col('VolumeMode', 'Filesystem or Block.', { wide: true }),
  ],
  cells(pvc, now) {
    const spec = pvc.spec ?? {};
    // Capacity and access modes are only meaningful once bound to a volume.
    const bound = !!spec.volumeName;
    return [
      pvc.metadata.name ?? '',
      pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
      spec.volumeName ?? '',
      bound ? quantityText(pvc.status?.capacity?.storage) : '',
      bound ? accessModes(pvc.status?.accessModes) : '',
      storageClassOf(pvc),
      spec.volumeAttributesClassName ?? '<unset>',
      since(pvc.metadata.creationTimestamp, now),
      spec.volumeMode ?? '<unset>',
    ];
  },
};

const DEFAULT_CLASS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

interface StorageClass extends KObject {
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
}

export const storageClassPrinter: Printer<StorageClass> = {
  columns: [
    NAME,
    col('Provisioner', 'Volume plugin that provisions volumes.'),
    col('ReclaimPolicy', 'Reclaim policy of provisioned volumes.'),
    col('VolumeBindingMode', 'When volumes are bound and provisioned.'),
    col('AllowVolumeExpansion', 'Whether claims may grow.'),
    AGE,
  ],
  cells(sc, now) {
    const isDefault = DEFAULT_CLASS.some((a) => sc.metadata.annotations?.[a] === 'true');
    return [
      `${sc.metadata.name ?? ''}${isDefault ? ' (default)' : ''}`,
      sc.provisioner ?? '',
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      sc.allowVolumeExpansion ?? false,
      since(sc.metadata.creationTimestamp, now),
    ];
  },
};
