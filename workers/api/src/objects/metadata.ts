// Validation of metadata shared by every kind (upstream ValidateObjectMeta).
import type { KObject, ResourceDef } from '../../../kube/registry/types';
import { FieldErrors } from '../../../kube/validation/field-errors';
import { dns1123Label, dns1123Subdomain, validateAnnotations, validateLabels } from '../../../kube/validation/names';

export function validateObjectMeta(def: ResourceDef, obj: KObject, errs: FieldErrors) {
  const m = obj.metadata;
  const nameCheck = def.nameValidator ?? dns1123Subdomain;
  if (m.generateName) {
    // The generated suffix is alphanumeric, so a trailing dash in the prefix is fine.
    const masked = m.generateName.replace(/-$/, 'a');
    for (const msg of nameCheck(masked)) errs.invalid('metadata.generateName', m.generateName, msg);
  }
  if (!m.name) {
    if (!m.generateName) errs.required('metadata.name', 'name or generateName is required');
  } else if (!m.generateName || errs.empty) {
    for (const msg of nameCheck(m.name)) errs.invalid('metadata.name', m.name, msg);
  }
  if (def.namespaced) {
    if (!m.namespace) errs.required('metadata.namespace');
    else for (const msg of dns1123Label(m.namespace)) errs.invalid('metadata.namespace', m.namespace, msg);
  } else if (m.namespace) {
    errs.forbidden('metadata.namespace', 'not allowed on this type');
  }
  validateLabels(m.labels, 'metadata.labels', errs);
  validateAnnotations(m.annotations, 'metadata.annotations', errs);
  const seen = new Set<string>();
  for (const [i, f] of (m.finalizers ?? []).entries()) {
    if (seen.has(f)) errs.duplicate(`metadata.finalizers[${i}]`, f);
    seen.add(f);
  }
  for (const [i, ref] of (m.ownerReferences ?? []).entries()) {
    const p = `metadata.ownerReferences[${i}]`;
    if (!ref.apiVersion) errs.invalid(`${p}.apiVersion`, ref.apiVersion, 'version must not be empty');
    if (!ref.kind) errs.invalid(`${p}.kind`, ref.kind, 'kind must not be empty');
    if (!ref.name) errs.invalid(`${p}.name`, ref.name, 'name must not be empty');
    if (!ref.uid) errs.invalid(`${p}.uid`, ref.uid, 'uid must not be empty');
  }
  const controllers = (m.ownerReferences ?? []).filter((r) => r.controller);
  if (controllers.length > 1) errs.invalid('metadata.ownerReferences', m.ownerReferences, 'Only one reference can have Controller set to true');
}

export function validateObjectMetaUpdate(obj: KObject, old: KObject, errs: FieldErrors) {
  if (obj.metadata.name !== old.metadata.name) errs.immutable('metadata.name', obj.metadata.name);
  if ((obj.metadata.namespace ?? '') !== (old.metadata.namespace ?? '')) errs.immutable('metadata.namespace', obj.metadata.namespace);
}

export { dns1123Label };
