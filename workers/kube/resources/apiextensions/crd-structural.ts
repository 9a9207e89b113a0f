// A light version of upstream's structural-schema rules for openAPIV3Schema: enough to catch schemas
// that cannot be turned into a typed custom object.
import type { FieldErrors } from '../../validation/field-errors';
import type { JSONSchemaProps } from './json-schema-props';

const TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

function node(s: JSONSchemaProps, path: string, errs: FieldErrors, typeMissing: string) {
  const untyped = s['x-kubernetes-int-or-string'] || s['x-kubernetes-preserve-unknown-fields'];
  if (!s.type && !untyped) errs.required(`${path}.type`, typeMissing);
  else if (s.type && !TYPES.includes(s.type)) errs.notSupported(`${path}.type`, s.type, TYPES);
  if (s.properties && s.additionalProperties !== undefined && s.additionalProperties !== false)
    errs.forbidden(`${path}.additionalProperties`, 'additionalProperties and properties are mutual exclusive');
  if (s['x-kubernetes-list-type'] === 'map' && !s['x-kubernetes-list-map-keys']?.length)
    errs.required(`${path}.x-kubernetes-list-map-keys`, 'must not be empty if x-kubernetes-list-type is map');
  if (s.pattern !== undefined) {
    try {
      new RegExp(s.pattern, 'u');
    } catch {
      errs.invalid(`${path}.pattern`, s.pattern, 'must be a valid regular expression');
    }
  }
  for (const [k, p] of Object.entries(s.properties ?? {})) node(p, `${path}.properties[${k}]`, errs, 'must not be empty for specified object fields');
  if (s.items && !Array.isArray(s.items)) node(s.items, `${path}.items`, errs, 'must not be empty for specified array items');
  if (s.type === 'array' && !s.items) errs.required(`${path}.items`, 'must be specified');
  if (typeof s.additionalProperties === 'object') node(s.additionalProperties, `${path}.additionalProperties`, errs, 'must not be empty for specified object fields');
}

export function validateRootSchema(s: JSONSchemaProps, path: string, errs: FieldErrors) {
  if (s.type !== 'object') {
    if (!s.type) errs.required(`${path}.type`, 'must not be empty at the root');
    else errs.invalid(`${path}.type`, s.type, 'must be object at the root');
  }
  const meta = s.properties?.metadata;
  if (meta) {
    const extra = Object.keys(meta.properties ?? {}).filter((k) => k !== 'name' && k !== 'generateName');
    if (extra.length || meta.type !== 'object')
      errs.forbidden(`${path}.properties[metadata]`, 'must not specify anything other than name and generateName, but metadata is implicitly specified');
  }
  const { metadata: _m, ...rest } = s.properties ?? {};
  node({ ...s, type: 'object', properties: rest }, path, errs, 'must not be empty at the root');
}
