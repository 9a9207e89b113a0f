// Semantic checks for CustomResourceDefinitions, worded as upstream's apiextensions validation.
import type { FieldErrors } from '../../validation/field-errors';
import { dns1035Label, dns1123Subdomain } from '../../validation/names';
import type { CrdNames, CrdSpec, CrdVersion } from './crd-schema';
import { validateRootSchema } from './crd-structural';

const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];

const dns1035 = (v: string) => dns1035Label(v).join(',');

export function validateNames(n: CrdNames, path: string, errs: FieldErrors) {
  for (const key of ['plural', 'singular'] as const) {
    const v = n[key];
    if (v && dns1035(v)) errs.invalid(`${path}.${key}`, v, dns1035(v));
  }
  for (const key of ['kind', 'listKind'] as const) {
    const v = n[key];
    if (v && dns1035(v.toLowerCase())) errs.invalid(`${path}.${key}`, v, `may have mixed case, but should otherwise match: ${dns1035(v.toLowerCase())}`);
  }
  n.shortNames?.forEach((s, i) => dns1035(s) && errs.invalid(`${path}.shortNames[${i}]`, s, dns1035(s)));
  if (n.kind && n.kind === n.listKind) errs.invalid(`${path}.listKind`, n.listKind, 'kind and listKind may not be the same');
  n.categories?.forEach((c, i) => dns1035(c) && errs.invalid(`${path}.categories[${i}]`, c, dns1035(c)));
}

function validateScale(v: CrdVersion, path: string, errs: FieldErrors) {
  const s = v.subresources?.scale;
  if (!s) return;
  if (!s.specReplicasPath) errs.required(`${path}.specReplicasPath`);
  else if (!s.specReplicasPath.startsWith('.spec.')) errs.invalid(`${path}.specReplicasPath`, s.specReplicasPath, 'should be a json path under .spec');
  if (!s.statusReplicasPath) errs.required(`${path}.statusReplicasPath`);
  else if (!s.statusReplicasPath.startsWith('.status.')) errs.invalid(`${path}.statusReplicasPath`, s.statusReplicasPath, 'should be a json path under .status');
  const sel = s.labelSelectorPath;
  if (sel && !sel.startsWith('.spec.') && !sel.startsWith('.status.')) errs.invalid(`${path}.labelSelectorPath`, sel, 'should be a json path under either .spec or .status');
}

function validateVersion(v: CrdVersion, path: string, errs: FieldErrors) {
  if (dns1035(v.name)) errs.invalid(`${path}.name`, v.name, dns1035(v.name));
  const root = v.schema?.openAPIV3Schema;
  if (!root) errs.required(`${path}.schema.openAPIV3Schema`, 'schemas are required');
  else validateRootSchema(root, `${path}.schema.openAPIV3Schema`, errs);
  validateScale(v, `${path}.subresources.scale`, errs);
  v.additionalPrinterColumns?.forEach((c, i) => {
    const p = `${path}.additionalPrinterColumns[${i}]`;
    if (!c.name) errs.required(`${p}.name`);
    if (!c.type) errs.required(`${p}.type`, `must be one of ${COLUMN_TYPES.join(',')}`);
    else if (!COLUMN_TYPES.includes(c.type)) errs.notSupported(`${p}.type`, c.type, COLUMN_TYPES);
    if (c.format && !COLUMN_FORMATS.includes(c.format)) errs.notSupported(`${p}.format`, c.format, COLUMN_FORMATS);
    if (!c.jsonPath) errs.required(`${p}.jsonPath`);
  });
  v.selectableFields?.forEach((f, i) => {
    if (!f.jsonPath) errs.required(`${path}.selectableFields[${i}].jsonPath`);
    else if (!f.jsonPath.startsWith('.')) errs.invalid(`${path}.selectableFields[${i}].jsonPath`, f.jsonPath, 'must be a simple JSON path starting with "."');
  });
}

function validateVersions(versions: CrdVersion[], errs: FieldErrors) {
  if (!versions.length) return errs.required('spec.versions', 'must have exactly one version marked as storage version');
  versions.forEach((v, i) => validateVersion(v, `spec.versions[${i}]`, errs));
  const names = versions.map((v) => v.name);
  if (new Set(names).size !== names.length) errs.invalid('spec.versions', versions, 'must contain unique version names');
  if (versions.filter((v) => v.storage).length !== 1) errs.invalid('spec.versions', versions, 'must have exactly one version marked as storage version');
}

function validateConversion(c: CrdSpec['conversion'], errs: FieldErrors) {
  if (!c) return;
  if (c.strategy !== 'None' && c.strategy !== 'Webhook') return errs.notSupported('spec.conversion.strategy', c.strategy, ['None', 'Webhook']);
  if (c.strategy === 'None') {
    if (c.webhook) errs.forbidden('spec.conversion.webhook', 'should not be set when strategy is not set to Webhook');
    return;
  }
  const cc = c.webhook?.clientConfig;
  if (!cc) return errs.required('spec.conversion.webhook', 'required when strategy is set to Webhook');
  if ((cc.url === undefined) === (cc.service === undefined)) errs.required('spec.conversion.webhook.clientConfig', 'exactly one of url or service is required');
  const reviews = c.webhook?.conversionReviewVersions ?? [];
  if (!reviews.some((r) => r === 'v1' || r === 'v1beta1'))
    errs.invalid('spec.conversion.webhook.conversionReviewVersions', reviews, 'must include at least one of v1, v1beta1');
}

export function validateCrd(name: string, spec: CrdSpec, errs: FieldErrors) {
  if (name !== `${spec.names.plural}.${spec.group}`) errs.invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group');
  if (!spec.group) errs.required('spec.group');
  else {
    for (const m of dns1123Subdomain(spec.group)) errs.invalid('spec.group', spec.group, m);
    if (!spec.group.includes('.')) errs.invalid('spec.group', spec.group, 'should be a domain with at least one dot');
  }
  if (!spec.scope) errs.required('spec.scope');
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced') errs.notSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']);
  for (const key of ['plural', 'singular', 'kind', 'listKind'] as const) if (!spec.names[key]) errs.required(`spec.names.${key}`);
  validateNames(spec.names, 'spec.names', errs);
  validateVersions(spec.versions ?? [], errs);
  validateConversion(spec.conversion, errs);
  if (spec.preserveUnknownFields)
    errs.invalid('spec.preserveUnknownFields', true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead');
}
