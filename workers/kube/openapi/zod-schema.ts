// One zod schema → OpenAPI component schemas, via zod's own JSON Schema generator.
import { z } from 'zod';
import { sanitizeSchema, type JsonSchema } from './sanitize';

// Our meta helpers (time(), intOrString(), ...) build a fresh schema per call, all with the same id, and
// zod refuses two schemas sharing an id. We hand zod a registry that renames the repeats (id + marker + n)
// and fold them back onto the first afterwards: same-id schemas describe the same Kubernetes type.
const REPEAT = '__repeat__';

export const COMPONENTS_PREFIX = '#/components/schemas/';

export interface ConvertedSchema {
  /** Component name of the schema itself, or undefined when it has no id and was inlined in `inline`. */
  name?: string;
  inline?: JsonSchema;
  /** Every named schema reached, keyed by component name (repeats folded; first seen wins). */
  components: Record<string, JsonSchema>;
}

type Meta = Record<string, unknown> & { id?: string };

function renamingRegistry(rootSchema: z.ZodType, rootId: string | undefined) {
  const firstById = new Map<string, unknown>();
  const idOf = new Map<unknown, string>();
  let repeats = 0;
  return {
    get(schema: z.ZodType): Meta | undefined {
      const meta = z.globalRegistry.get(schema) as Meta | undefined;
      const id = meta?.id ?? (schema === rootSchema ? rootId : undefined);
      if (!id) return meta;
      let unique = idOf.get(schema);
      if (!unique) {
        unique = firstById.has(id) ? `${id}${REPEAT}${++repeats}` : id;
        if (!firstById.has(id)) firstById.set(id, schema);
        idOf.set(schema, unique);
      }
      return { ...meta, id: unique };
    },
  };
}

function decodePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function baseId(id: string): string {
  const at = id.indexOf(REPEAT);
  return at >= 0 ? id.slice(0, at) : id;
}

export function componentRef(name: string): string {
  return COMPONENTS_PREFIX + name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Converts `schema`; `fallbackId` names it when it carries no `.meta({ id })`. Throws what zod throws. */
export function convertZodSchema(schema: z.ZodType, fallbackId?: string): ConvertedSchema {
  const metadata = renamingRegistry(schema, fallbackId) as unknown as z.core.$ZodRegistry<z.core.GlobalMeta>;
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input', metadata }) as JsonSchema;
  // zod names id-less schemas it must extract (cycles) "__schema<n>", per call: scope them to this schema.
  const nameOf = (id: string) => (id.startsWith('__schema') ? `${fallbackId ?? 'anonymous'}.${id.slice(2)}` : baseId(id));
  const rewriteRef = (ref: string) => (ref.startsWith('#/definitions/') ? componentRef(nameOf(decodePointer(ref.slice('#/definitions/'.length)))) : undefined);
  const components: Record<string, JsonSchema> = {};
  const defs = (json.definitions ?? {}) as Record<string, unknown>;
  for (const [key, body] of Object.entries(defs)) {
    const name = nameOf(key);
    if (!(name in components)) components[name] = sanitizeSchema(body, rewriteRef);
  }
  if (typeof json.$ref === 'string' && Object.keys(json).every((k) => k === '$ref' || k === 'definitions')) {
    return { name: nameOf(decodePointer(json.$ref.slice('#/definitions/'.length))), components };
  }
  const { definitions: _drop, ...rest } = json;
  return { inline: sanitizeSchema(rest, rewriteRef), components };
}
