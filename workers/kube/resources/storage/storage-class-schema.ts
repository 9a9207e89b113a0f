// storage.k8s.io/v1 StorageClass: how dynamically provisioned volumes of a class are made.
import { z } from 'zod';
import { atomicList, kobject, stringMap } from '../../schemas/meta';

const topologyRequirement = z
  .strictObject({
    key: z.string().meta({ description: 'Topology label key, e.g. topology.kubernetes.io/zone.' }),
    values: atomicList(z.string(), 'Accepted values of the key.').optional(),
  })
  .meta({ id: 'io.k8s.api.core.v1.TopologySelectorLabelRequirement', description: 'A topology label and the values it may take.' });

const topologyTerm = z
  .strictObject({ matchLabelExpressions: atomicList(topologyRequirement, 'Requirements, all of which must hold.').optional() })
  .meta({ id: 'io.k8s.api.core.v1.TopologySelectorTerm', description: 'A set of topology requirements that must all hold.', 'x-kubernetes-map-type': 'atomic' });

export const storageClassSchema = kobject('io.k8s.api.storage.v1.StorageClass', 'A class of dynamically provisioned storage.', {
  provisioner: z.string().meta({ description: 'Name of the volume plugin or CSI driver that creates volumes. Immutable.' }),
  parameters: stringMap().optional().meta({ description: 'Provisioner-specific settings. Immutable.' }),
  reclaimPolicy: z.string().optional().meta({ description: 'What happens to volumes when released: Delete (default) or Retain.' }),
  mountOptions: atomicList(z.string(), 'Mount options for volumes of this class, e.g. ["ro", "soft"].').optional(),
  allowVolumeExpansion: z.boolean().optional().meta({ description: 'Whether claims of this class may grow.' }),
  volumeBindingMode: z.string().optional().meta({ description: 'When volumes are bound: Immediate (default) or WaitForFirstConsumer.' }),
  allowedTopologies: atomicList(topologyTerm, 'Where volumes may be provisioned; anywhere when empty.').optional(),
});

export type StorageClassFields = Omit<z.infer<typeof storageClassSchema>, 'metadata' | 'apiVersion' | 'kind'>;
