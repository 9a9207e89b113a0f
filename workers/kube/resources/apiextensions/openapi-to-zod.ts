// Turns a CRD version's openAPIV3Schema into a zod schema for its custom objects. zod checks the
// structure (types, required, unknown fields); value constraints (ranges, lengths, patterns, formats,
// list uniqueness) are checked by schema-values.ts so causes carry upstream's exact wording and paths.
import { z } from 'zod';
import { kobject, objectMeta } from '../../schemas/meta';
import type { JSONSchemaProps } from './json-schema-props';
import { checkValues } from './schema-values';

// Schema keywords copied onto the zod node so the published OpenAPI keeps them.
const PASS_THROUGH = [
  'description', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength',
  'pattern', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'default', 'example',
  'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string', 'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys', 'x-kubernetes-map-type', 'x-kubernetes-validations',
] as const;

function withMeta(t: z.ZodType, s: JSONSchemaProps): z.ZodType {
  const meta: Record<string, unknown> = {};
  for (const k of PASS_THROUGH) if (s[k] !== undefined) meta[k] = s[k];
  return Object.keys(meta).length ? t.meta(meta) : t;
}

const isObjectSchema = (s: JSONSchemaProps) => s.type === 'object' || (!s.type && (s.properties !== undefined || s.additionalProperties !== undefined));

/** The shape of an object node: each property optional unless required (a default also makes it optional). */
export function shapeOf(s: JSONSchemaProps, skip: readonly string[] = []): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    if (skip.includes(name)) continue;
    const t = toZod(prop);
    shape[name] = s.required?.includes(name) && prop.default === undefined ? t : t.optional();
  }
  return shape;
}

function objectNode(s: JSONSchemaProps): z.ZodType {
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const ap = s.additionalProperties;
  if (!s.properties && ap !== undefined && ap !== false) return z.record(z.string(), ap === true ? z.unknown() : toZod(ap));
  const shape = shapeOf(s);
  if (s['x-kubernetes-embedded-resource']) {
    shape.apiVersion ??= z.string().optional();
    shape.kind ??= z.string().optional();
    shape.metadata ??= objectMeta.optional();
  }
  return preserve ? z.looseObject(shape) : z.strictObject(shape);
}

function scalarNode(s: JSONSchemaProps): z.ZodType {
  switch (s.type) {
    case 'string':
      return z.string();
    case 'integer':
      return s.format === 'int32' ? z.int32() : z.int();
    case 'number':
      return z.number();
    case 'boolean':
      return z.boolean();
    default:
      return z.unknown();
  }
}

export function toZod(s: JSONSchemaProps): z.ZodType {
  let t: z.ZodType;
  if (s['x-kubernetes-int-or-string']) t = z.union([z.int(), z.string()]);
  else if (isObjectSchema(s)) t = objectNode(s);
  else if (s.type === 'array') t = z.array(s.items && !Array.isArray(s.items) ? toZod(s.items) : z.unknown());
  else if (s.enum?.length && s.enum.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)))
    t = z.literal(s.enum.filter((v) => v !== null) as (string | number | boolean)[]);
  else t = scalarNode(s);
  if (s.nullable) t = t.nullable();
  return withMeta(t, s);
}

/** OpenAPI definition name of a custom kind, in the apiserver's reversed-group style: com.example.stable.v1.CronTab. */
export function customKindId(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

/** The whole custom object: apiVersion, kind and metadata come from kobject(); the rest from the schema. */
export function customObjectSchema(group: string, version: string, kind: string, root: JSONSchemaProps): z.ZodType {
  const id = customKindId(group, version, kind);
  const description = root.description ?? `A ${kind} custom object.`;
  let obj: z.ZodObject = kobject(id, description, shapeOf(root, ['apiVersion', 'kind', 'metadata']));
  if (root['x-kubernetes-preserve-unknown-fields']) obj = obj.loose();
  // meta() goes last: refinements make a new schema instance, which would drop the id.
  return obj.superRefine((value, ctx) => checkValues(value, root, ctx)).meta({ id, description });
}
