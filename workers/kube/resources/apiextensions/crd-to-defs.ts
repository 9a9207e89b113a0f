// Builds the ResourceDefs a CustomResourceDefinition serves: one per served version.
import type { KObject, ResourceDef, ScaleDef } from '../../registry/types';
import type { CrdSpec, CrdVersion } from './crd-schema';
import type { JSONSchemaProps } from './json-schema-props';
import { customObjectSchema } from './openapi-to-zod';
import { applyDefaults } from './schema-values';

export type CustomResourceDefinition = KObject & { spec: CrdSpec };

// A version without a schema (only possible for legacy objects) keeps whatever it is given.
const OPEN: JSONSchemaProps = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

/** Reads a simple JSON path such as ".spec.color" from an object. */
export function readPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.replace(/^\./, '').split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function scaleOf(v: CrdVersion): ScaleDef | undefined {
  const s = v.subresources?.scale;
  if (!s) return undefined;
  return { specReplicasPath: s.specReplicasPath, statusReplicasPath: s.statusReplicasPath, ...(s.labelSelectorPath ? { labelSelectorPath: s.labelSelectorPath } : {}) };
}

function versionDef(spec: CrdSpec, v: CrdVersion): ResourceDef {
  const { names } = spec;
  const root = v.schema?.openAPIV3Schema ?? OPEN;
  const selectable = (v.selectableFields ?? []).map((f) => f.jsonPath);
  const def: ResourceDef = {
    group: spec.group,
    version: v.name,
    kind: names.kind,
    listKind: names.listKind ?? `${names.kind}List`,
    plural: names.plural,
    singular: names.singular ?? names.kind.toLowerCase(),
    namespaced: spec.scope === 'Namespaced',
    shortNames: names.shortNames ?? [],
    categories: names.categories ?? [],
    schema: customObjectSchema(spec.group, v.name, names.kind, root),
    generation: 'spec',
    status: v.subresources?.status !== undefined,
    defaults: (obj) => applyDefaults(obj, root),
  };
  const scale = scaleOf(v);
  if (scale) def.scale = scale;
  const columns = (v as { additionalPrinterColumns?: ResourceDef['printerColumns'] }).additionalPrinterColumns;
  if (columns?.length) def.printerColumns = columns;
  if (selectable.length) {
    // Field selectors name the path without its leading dot, e.g. spec.color=blue.
    def.fields = (obj) => Object.fromEntries(selectable.map((p) => [p.replace(/^\./, ''), scalarText(readPath(obj, p))]));
  }
  return def;
}

const scalarText = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** ResourceDefs for each served version of a CRD (pure; the CRD is assumed already validated). */
export function crdToResourceDefs(crd: CustomResourceDefinition): ResourceDef[] {
  const spec = crd.spec;
  if (!spec?.group || !spec.names?.plural || !spec.names.kind) return [];
  return (spec.versions ?? []).filter((v) => v.served).map((v) => versionDef(spec, v));
}
