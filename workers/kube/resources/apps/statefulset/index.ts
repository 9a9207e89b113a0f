// The StatefulSet resource (apps/v1).
import type { ResourceDef } from '../../../registry/types';
import { dns1123Label } from '../../../validation/names';
import { defaultPvcSpec } from '../../core/pvc/defaults';
import { defaultPodTemplate } from '../common/template';
import type { Stored } from '../common/types';
import { statefulSet, type StatefulSet } from './schema';
import { validateStatefulSet, validateStatefulSetUpdate } from './validate';

export { statefulSet } from './schema';
export type { StatefulSet } from './schema';

export function defaultStatefulSet(sts: StatefulSet) {
  const spec = (sts.spec ??= {});
  spec.podManagementPolicy ||= 'OrderedReady';
  const us = (spec.updateStrategy ??= {});
  // Upstream adds rollingUpdate only when it also picks the type.
  if (!us.type) {
    us.type = 'RollingUpdate';
    us.rollingUpdate ??= {};
  }
  if (us.type === 'RollingUpdate' && us.rollingUpdate) us.rollingUpdate.partition ??= 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec);
  // Claim templates are defaulted as full claims, as upstream's nested defaulting does.
  for (const c of spec.volumeClaimTemplates ?? []) {
    c.apiVersion ||= 'v1';
    c.kind ||= 'PersistentVolumeClaim';
    defaultPvcSpec((c.spec ??= {}));
    (c.status ??= {}).phase ||= 'Pending';
  }
}

export const statefulSets: ResourceDef<Stored<StatefulSet>> = {
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  plural: 'statefulsets',
  singular: 'statefulset',
  namespaced: true,
  shortNames: ['sts'],
  categories: ['all'],
  schema: statefulSet,
  // Pod hostnames are the set name plus an ordinal, so the name must be a DNS label.
  nameValidator: (name) => dns1123Label(name),
  status: true,
  // The /scale handler derives Scale.status.selector from .spec.selector.
  scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
  generation: 'spec',
  defaults: defaultStatefulSet,
  validate: validateStatefulSet,
  validateUpdate: validateStatefulSetUpdate,
};
