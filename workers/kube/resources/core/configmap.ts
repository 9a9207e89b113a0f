// The ConfigMap resource: non-secret configuration data.
import { z } from 'zod';
import type { KObject, ResourceDef } from '../../registry/types';
import { kobject, stringMap } from '../../schemas/meta';
import { dns1123Subdomain } from '../../validation/names';
import { FieldErrors } from '../../validation/field-errors';
import { coreId, opt } from './common/util';
import { isBase64, validateDataKeys, validateImmutableData } from './common/data';

export const configMap = kobject(coreId('ConfigMap'), 'Configuration data for pods to consume as files or environment variables.', {
  data: opt(stringMap(), 'UTF-8 values by key.'),
  binaryData: opt(z.record(z.string(), z.string()), 'Base64-encoded binary values by key; keys may not repeat those of data.'),
  immutable: opt(z.boolean(), 'When true, data cannot change (the object can only be deleted and recreated).'),
});

export interface ConfigMap extends KObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export const configMapResource: ResourceDef<ConfigMap> = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  singular: 'configmap',
  namespaced: true,
  shortNames: ['cm'],
  schema: configMap,
  generation: 'none',
  nameValidator: dns1123Subdomain,
  validate(obj, errs) {
    validateConfigMap(obj, errs);
  },
  validateUpdate(obj, old, errs) {
    validateImmutableData(obj, old, ['data', 'binaryData'], errs);
  },
};

export function validateConfigMap(obj: ConfigMap, errs: FieldErrors) {
  // Binary values count at their decoded size, as upstream stores them.
  validateDataKeys(
    [
      { field: 'data', map: obj.data, size: (v) => new TextEncoder().encode(v).length },
      { field: 'binaryData', map: obj.binaryData, size: (v) => Math.floor((v.replace(/=+$/, '').length * 3) / 4) },
    ],
    errs,
  );
  for (const [k, v] of Object.entries(obj.binaryData ?? {})) {
    if (!isBase64(v)) errs.invalid(`binaryData[${k}]`, k, 'must be base64-encoded');
    if (obj.data && k in obj.data) errs.invalid('data', k, 'duplicate of key present in binaryData');
  }
}
