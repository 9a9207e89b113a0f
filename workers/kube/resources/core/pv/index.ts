// The PersistentVolume resource.
import type { KObject, ResourceDef } from '../../../registry/types';
import { dns1123Subdomain } from '../../../validation/names';
import { FieldErrors } from '../../../validation/field-errors';
import { enumValue, jsonEqual, resourceListValues, setKeys } from '../common/checks';
import { validateAccessModes, VOLUME_MODES } from '../common/storage';
import { persistentVolume, PV_SOURCE_KEYS, type PersistentVolumeSpec } from './schema';

export { persistentVolume, persistentVolumeSpec } from './schema';

interface PersistentVolume extends KObject {
  spec?: PersistentVolumeSpec;
  status?: { phase?: string };
}

function validatePv(obj: PersistentVolume, errs: FieldErrors) {
  const spec = obj.spec ?? {};
  validateAccessModes(spec.accessModes, 'spec.accessModes', errs);
  if (spec.capacity?.storage === undefined) errs.required('spec.capacity', 'must specify storage capacity');
  resourceListValues(errs, 'spec.capacity', spec.capacity);
  const sources = setKeys(spec, PV_SOURCE_KEYS);
  if (sources.length === 0) errs.required('spec', 'must specify a volume type');
  else if (sources.length > 1) errs.forbidden(`spec.${sources[1]}`, 'may not specify more than 1 volume type');
  if (spec.local && !spec.nodeAffinity) errs.required('spec.nodeAffinity', 'Local volume requires node affinity');
  if (spec.hostPath && !spec.hostPath.path) errs.required('spec.hostPath.path');
  enumValue(errs, 'spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, ['Delete', 'Recycle', 'Retain']);
  enumValue(errs, 'spec.volumeMode', spec.volumeMode, VOLUME_MODES);
  if (spec.storageClassName) for (const m of dns1123Subdomain(spec.storageClassName)) errs.invalid('spec.storageClassName', spec.storageClassName, m);
}

const sourceOf = (spec: PersistentVolumeSpec) => Object.fromEntries(PV_SOURCE_KEYS.map((k) => [k, (spec as Record<string, unknown>)[k]]));

export const persistentVolumeResource: ResourceDef<PersistentVolume> = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  singular: 'persistentvolume',
  namespaced: false,
  shortNames: ['pv'],
  schema: persistentVolume,
  status: true,
  generation: 'none',
  nameValidator: dns1123Subdomain,
  defaults(obj) {
    const spec = (obj.spec ??= {});
    spec.persistentVolumeReclaimPolicy ||= 'Retain';
    spec.volumeMode ||= 'Filesystem';
    (obj.status ??= {}).phase ||= 'Pending';
  },
  validate: validatePv,
  validateUpdate(obj, old, errs) {
    const spec = obj.spec ?? {};
    const was = old.spec ?? {};
    if (!jsonEqual(sourceOf(spec), sourceOf(was))) errs.forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation');
    if (spec.volumeMode !== was.volumeMode) errs.immutable('spec.volumeMode', spec.volumeMode);
    if (was.nodeAffinity && !jsonEqual(spec.nodeAffinity, was.nodeAffinity)) errs.immutable('spec.nodeAffinity', spec.nodeAffinity);
  },
};
