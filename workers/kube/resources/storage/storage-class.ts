import { deepEqual } from '../../json';
import type { KObject, ResourceDef } from '../../registry/types';
import type { FieldErrors } from '../../validation/field-errors';
import { qualifiedName } from '../../validation/names';
import { storageClassSchema, type StorageClassFields } from './storage-class-schema';

type StorageClass = KObject & StorageClassFields;

const RECLAIM = ['Delete', 'Retain'];
const BINDING = ['Immediate', 'WaitForFirstConsumer'];
const MAX_PARAMS = 512;
const MAX_PARAMS_SIZE = 256 * 1024;

function validateParameters(params: Record<string, string> | undefined, errs: FieldErrors) {
  const entries = Object.entries(params ?? {});
  if (entries.length > MAX_PARAMS) return errs.tooLong('parameters', MAX_PARAMS);
  let size = 0;
  for (const [k, v] of entries) {
    if (!k) errs.invalid('parameters', k, 'field can not be empty.');
    size += k.length + v.length;
  }
  if (size > MAX_PARAMS_SIZE) errs.tooLong('parameters', MAX_PARAMS_SIZE);
}

function validateTopologies(terms: StorageClassFields['allowedTopologies'], errs: FieldErrors) {
  const seenTerms: string[] = [];
  terms?.forEach((term, i) => {
    const keys = new Map<string, string[]>();
    term.matchLabelExpressions?.forEach((req, j) => {
      const p = `allowedTopologies[${i}].matchLabelExpressions[${j}]`;
      const values = req.values ?? [];
      if (!values.length) errs.required(`${p}.values`, 'must specify as least one value');
      values.forEach((v, k) => {
        if (values.indexOf(v) !== k) errs.duplicate(`${p}.values[${k}]`, v);
      });
      for (const m of qualifiedName(req.key)) errs.invalid(`${p}.key`, req.key, m);
      if (keys.has(req.key)) errs.duplicate(`${p}.key`, req.key);
      keys.set(req.key, [...new Set(values)].sort());
    });
    // Two terms selecting the same topology are redundant and rejected upstream.
    const canon = JSON.stringify([...keys.entries()].sort(([a], [b]) => a.localeCompare(b)));
    if (seenTerms.includes(canon)) errs.duplicate(`allowedTopologies[${i}].matchLabelExpressions`, '');
    seenTerms.push(canon);
  });
}

export const storageClass: ResourceDef<StorageClass> = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  plural: 'storageclasses',
  singular: 'storageclass',
  namespaced: false,
  shortNames: ['sc'],
  schema: storageClassSchema,
  generation: 'none',
  defaults(obj) {
    obj.reclaimPolicy ??= 'Delete';
    obj.volumeBindingMode ??= 'Immediate';
  },
  validate(obj, errs) {
    if (!obj.provisioner) errs.required('provisioner');
    else for (const m of qualifiedName(obj.provisioner.toLowerCase())) errs.invalid('provisioner', obj.provisioner, m);
    validateParameters(obj.parameters, errs);
    if (obj.reclaimPolicy && !RECLAIM.includes(obj.reclaimPolicy)) errs.notSupported('reclaimPolicy', obj.reclaimPolicy, RECLAIM);
    if (obj.volumeBindingMode === undefined) errs.required('volumeBindingMode');
    else if (!BINDING.includes(obj.volumeBindingMode)) errs.notSupported('volumeBindingMode', obj.volumeBindingMode, BINDING);
    validateTopologies(obj.allowedTopologies, errs);
  },
  // Existing volumes were made with the old settings; changing them would make the class lie.
  validateUpdate(obj, old, errs) {
    if (!deepEqual(obj.parameters ?? {}, old.parameters ?? {})) errs.forbidden('parameters', 'updates to parameters are forbidden.');
    if (obj.provisioner !== old.provisioner) errs.forbidden('provisioner', 'updates to provisioner are forbidden.');
    if (obj.reclaimPolicy !== old.reclaimPolicy) errs.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.');
    if (obj.volumeBindingMode !== old.volumeBindingMode) errs.immutable('volumeBindingMode', obj.volumeBindingMode);
  },
};
