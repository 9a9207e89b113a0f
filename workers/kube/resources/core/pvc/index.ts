// The PersistentVolumeClaim resource.
import type { KObject, ResourceDef } from '../../../registry/types';
import { kobject } from '../../../schemas/meta';
import { dns1123Subdomain, validateLabels } from '../../../validation/names';
import { FieldErrors } from '../../../validation/field-errors';
import { enumValue, jsonEqual, resourceListValues } from '../common/checks';
import { parseQuantity } from '../common/quantity';
import { validateAccessModes, VOLUME_MODES } from '../common/storage';
import { coreId, opt } from '../common/util';
import { defaultPvcSpec } from './defaults';
import { persistentVolumeClaimSpec, persistentVolumeClaimStatus } from './spec';
import type { z } from 'zod';

export { persistentVolumeClaimSpec, persistentVolumeClaimTemplate } from './spec';
export { defaultPvcSpec } from './defaults';

export const persistentVolumeClaim = kobject(coreId('PersistentVolumeClaim'), "A user's request for storage, bound to a PersistentVolume.", {
  spec: opt(persistentVolumeClaimSpec, 'The storage requested.'),
  status: opt(persistentVolumeClaimStatus, 'The observed state of the claim.'),
});

type Spec = z.infer<typeof persistentVolumeClaimSpec>;
interface PersistentVolumeClaim extends KObject {
  spec?: Spec;
  status?: { phase?: string };
}

/** Validates a claim spec at `path` (also used for StatefulSet and ephemeral claim templates). */
export function validatePvcSpec(spec: Spec, path: string, errs: FieldErrors) {
  validateAccessModes(spec.accessModes, `${path}.accessModes`, errs);
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) errs.required(`${path}.resources[storage]`);
  else if ((parseQuantity(storage) ?? 0) <= 0) errs.invalid(`${path}.resources[storage]`, storage, 'must be greater than zero');
  resourceListValues(errs, `${path}.resources.requests`, spec.resources?.requests);
  resourceListValues(errs, `${path}.resources.limits`, spec.resources?.limits);
  enumValue(errs, `${path}.volumeMode`, spec.volumeMode, VOLUME_MODES);
  validateLabels(spec.selector?.matchLabels, `${path}.selector.matchLabels`, errs);
  if (spec.storageClassName) for (const m of dns1123Subdomain(spec.storageClassName)) errs.invalid(`${path}.storageClassName`, spec.storageClassName, m);
}

function validatePvcUpdate(obj: PersistentVolumeClaim, old: PersistentVolumeClaim, errs: FieldErrors) {
  const spec = obj.spec ?? {};
  const was = old.spec ?? {};
  // Compare with the mutable parts taken from the old spec; binding may fill in volumeName once.
  const cmp = { ...spec, resources: was.resources, volumeAttributesClassName: was.volumeAttributesClassName };
  if (!was.volumeName) cmp.volumeName = was.volumeName;
  if (!jsonEqual(cmp, was))
    errs.forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims');
  const now = parseQuantity(spec.resources?.requests?.storage ?? 0);
  const before = parseQuantity(was.resources?.requests?.storage ?? 0);
  if (now !== undefined && before !== undefined && now < before && old.status?.phase === 'Bound')
    errs.forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity');
}

export const persistentVolumeClaimResource: ResourceDef<PersistentVolumeClaim> = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  namespaced: true,
  shortNames: ['pvc'],
  schema: persistentVolumeClaim,
  status: true,
  generation: 'none',
  nameValidator: dns1123Subdomain,
  defaults(obj) {
    defaultPvcSpec((obj.spec ??= {}));
    (obj.status ??= {}).phase ||= 'Pending';
  },
  validate(obj, errs) {
    validatePvcSpec(obj.spec ?? {}, 'spec', errs);
  },
  validateUpdate: validatePvcUpdate,
};
