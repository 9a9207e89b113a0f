// components.schemas for one group-version: every kind's schema and what it reaches, its List kind,
// the apimachinery types, and the foreign kinds its subresources return.
import type { ResourceDef } from '../registry/types';
import { listMeta, objectMeta } from '../schemas/meta';
import { subresourcesOf } from '../discovery';
import { apimachinerySchemas, LIST_META, OBJECT_META, refWith, subresourceSchemas, typeMeta, ref } from './meta-schemas';
import type { JsonSchema } from './sanitize';
import { convertZodSchema } from './zod-schema';

export interface Components {
  schemas: Record<string, JsonSchema>;
  /** Component name of each def's kind and of its List kind. */
  kindName: Map<ResourceDef<any>, string>;
  listName: Map<ResourceDef<any>, string>;
}

/** A definition name for a kind without `.meta({ id })`, in the apiserver's reverse-domain style. */
export function defaultSchemaName(def: Pick<ResourceDef<any>, 'group' | 'version' | 'kind'>): string {
  const group = def.group === '' ? 'io.k8s.api.core' : def.group.includes('.') ? def.group.split('.').reverse().join('.') : `io.k8s.api.${def.group}`;
  return `${group}.${def.version}.${def.kind}`;
}

function addMissing(into: Record<string, JsonSchema>, from: Record<string, JsonSchema>): void {
  for (const [name, schema] of Object.entries(from)) if (!(name in into)) into[name] = schema;
}

function addGvk(schema: JsonSchema, def: ResourceDef<any>, kind: string): void {
  const list = (schema['x-kubernetes-group-version-kind'] as { group: string; kind: string; version: string }[] | undefined) ?? [];
  if (!list.some((g) => g.group === def.group && g.version === def.version && g.kind === kind)) {
    schema['x-kubernetes-group-version-kind'] = [...list, { group: def.group, kind, version: def.version }];
  }
}

function listSchema(kindName: string, kind: string): JsonSchema {
  return {
    description: `${kind}List is a list of ${kind} objects.`,
    type: 'object',
    properties: {
      ...typeMeta(),
      items: { type: 'array', items: ref(kindName), description: `List of ${kind} objects.` },
      metadata: refWith(LIST_META, 'Standard list metadata.'),
    },
    required: ['items'],
  };
}

export function buildComponents(defs: readonly ResourceDef<any>[], group: string, version: string): Components {
  const schemas: Record<string, JsonSchema> = {};
  const kindName = new Map<ResourceDef<any>, string>();
  const listName = new Map<ResourceDef<any>, string>();
  for (const def of defs) {
    const fallback = defaultSchemaName(def);
    let name = fallback;
    try {
      const converted = convertZodSchema(def.schema, fallback);
      name = converted.name ?? fallback;
      addMissing(schemas, converted.components);
      if (converted.inline && !(name in schemas)) schemas[name] = converted.inline;
    } catch {
      // One unconvertible schema must not take the whole document (and kubectl apply) down with it.
      schemas[name] ??= {
        description: def.kind,
        type: 'object',
        properties: { ...typeMeta(), metadata: refWith(OBJECT_META, "Standard object's metadata.") },
        'x-kubernetes-preserve-unknown-fields': true,
      };
    }
    kindName.set(def, name);
  }
  for (const shared of [objectMeta, listMeta]) addMissing(schemas, convertZodSchema(shared).components);
  for (const def of defs) {
    const name = kindName.get(def)!;
    schemas[name] = { ...schemas[name] };
    addGvk(schemas[name], def, def.kind);
    const listKind = def.listKind ?? `${def.kind}List`;
    const list = name.includes('.') ? name.replace(/[^.]*$/, listKind) : listKind;
    if (!(list in schemas)) schemas[list] = listSchema(name, def.kind);
    addGvk(schemas[list], def, listKind);
    listName.set(def, list);
  }
  addMissing(schemas, apimachinerySchemas({ group, version }));
  for (const def of defs) for (const sub of subresourcesOf(def)) addMissing(schemas, subresourceSchemas(sub.name));
  const sorted = Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]]));
  return { schemas: sorted, kindName, listName };
}
