// Reads the patch metadata a zod schema carries, the way upstream reads Go struct tags / OpenAPI
// extensions. The merge walks a document and asks this module "what is the schema under key k?".
import { z } from 'zod';
import { own } from './json';

/** What a merge needs to know about one schema position. */
export interface PatchNode {
  /** object: typed fields; record: one value type for every key; loose: free-form JSON. */
  kind: 'object' | 'record' | 'array' | 'scalar' | 'loose';
  /** Strategies from `x-kubernetes-patch-strategy` ("merge", "replace", "retainKeys", comma-joined). */
  strategies: string[];
  mergeKey?: string;
  /** The unwrapped schema (object, record, array, ...). */
  core: z.core.$ZodType;
}

// zod keeps a schema's structure in `_zod.def`; only the fields read here are typed.
export interface ZodDef {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  out?: z.core.$ZodType;
  getter?: () => z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  catchall?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  element?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  left?: z.core.$ZodType;
  right?: z.core.$ZodType;
  defaultValue?: unknown;
}
/** A schema's zod definition, typed for the fields these readers use (also server-side apply's). */
export const defOf = (s: z.core.$ZodType) => s._zod.def as unknown as ZodDef;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'success']);
const SCALARS = new Set(['string', 'number', 'int', 'boolean', 'bigint', 'enum', 'literal', 'date', 'null', 'template_literal', 'nan']);

const PATCH_STRATEGY = 'x-kubernetes-patch-strategy';
const MERGE_KEY = 'x-kubernetes-patch-merge-key';

/** Describes `schema`, merging patch metadata found on every wrapper (opt() puts `.meta` on the optional). */
export function describe(schema: z.core.$ZodType | undefined): PatchNode {
  let strategies: string[] | undefined;
  let mergeKey: string | undefined;
  let s = schema;
  // Bounded so a lazy schema that returns itself cannot spin forever.
  for (let hops = 0; s && hops < 64; hops++) {
    const meta = z.globalRegistry.get(s as z.ZodType) as Record<string, unknown> | undefined;
    // The outermost annotation wins, as a field-level tag would.
    const strategy = meta ? own(meta, PATCH_STRATEGY) : undefined;
    if (strategies === undefined && typeof strategy === 'string') strategies = strategy.split(',').map((x) => x.trim()).filter(Boolean);
    const key = meta ? own(meta, MERGE_KEY) : undefined;
    if (mergeKey === undefined && typeof key === 'string') mergeKey = key;
    const next = unwrapOnce(s);
    if (!next) break;
    s = next;
  }
  return { kind: kindOf(s), strategies: strategies ?? [], mergeKey, core: s ?? z.unknown() };
}

function unwrapOnce(s: z.core.$ZodType): z.core.$ZodType | undefined {
  const def = defOf(s);
  if (WRAPPERS.has(def.type)) return def.innerType;
  if (def.type === 'lazy') return def.getter?.();
  // A preprocess step is a pipe from a transform; the shape lives on the output side.
  if (def.type === 'pipe') return def.in && defOf(def.in).type === 'transform' ? def.out : def.in;
  if (def.type === 'union') return pickUnionMember(def.options ?? []);
  return undefined;
}

// Unions such as IntOrString are scalars; a union holding an object is patched as that object.
function pickUnionMember(options: z.core.$ZodType[]): z.core.$ZodType | undefined {
  const kinds = options.map((o) => ({ o, kind: describe(o).kind }));
  return (kinds.find((k) => k.kind === 'object') ?? kinds.find((k) => k.kind === 'array') ?? kinds.find((k) => k.kind === 'record'))?.o;
}

function kindOf(s: z.core.$ZodType | undefined): PatchNode['kind'] {
  if (!s) return 'loose';
  const def = defOf(s);
  switch (def.type) {
    case 'object':
    case 'intersection':
      return 'object';
    case 'record':
      // A record of free-form values is itself free-form (e.g. fieldsV1).
      return describe(def.valueType).kind === 'loose' ? 'loose' : 'record';
    case 'array':
      return 'array';
    case 'union':
      // Only scalar members (pickUnionMember found nothing structured).
      return def.options?.every((o) => describe(o).kind === 'scalar') ? 'scalar' : 'loose';
    default:
      // unknown, any, custom, tuple, map, ...: nothing to drive a strategic merge.
      return SCALARS.has(def.type) ? 'scalar' : 'loose';
  }
}

/** The schema of field `key` inside a map node; unknown fields are free-form. */
export function fieldNode(node: PatchNode, key: string): PatchNode {
  return describe(fieldSchema(node.core, key));
}

function fieldSchema(s: z.core.$ZodType, key: string): z.core.$ZodType | undefined {
  const def = defOf(s);
  if (def.type === 'record') return def.valueType;
  if (def.type === 'intersection') {
    const l = describe(def.left).core;
    const r = describe(def.right).core;
    return (hasField(l, key) ? fieldSchema(l, key) : undefined) ?? (hasField(r, key) ? fieldSchema(r, key) : undefined);
  }
  if (def.type !== 'object') return undefined;
  const field = def.shape ? own(def.shape, key) : undefined;
  if (field) return field as z.core.$ZodType;
  // strictObject's catchall is `never`: the field does not exist, treat it as free-form.
  return def.catchall && defOf(def.catchall).type !== 'never' ? def.catchall : undefined;
}

/** Whether a typed object declares `key` (used to tell data keys starting with `$` from directives). */
export function hasField(s: z.core.$ZodType, key: string): boolean {
  const def = defOf(s);
  if (def.type === 'intersection') return hasField(describe(def.left).core, key) || hasField(describe(def.right).core, key);
  return def.type === 'object' && !!def.shape && own(def.shape, key) !== undefined;
}

/** The schema of the items of an array node. */
export function elementNode(node: PatchNode): PatchNode {
  const def = defOf(node.core);
  return describe(def.type === 'array' ? def.element : undefined);
}

export const isMergeStrategy = (n: PatchNode) => n.strategies.includes('merge');
export const isReplaceStrategy = (n: PatchNode) => n.strategies.includes('replace');
