// Turns zod's JSON Schema output into the OpenAPI 3.0 schema dialect the apiserver serves.
// kubectl parses documents with kube-openapi (lenient) but gnostic, used by some clients, rejects unknown
// keys, so only OpenAPI 3.0 Schema Object fields and x- extensions survive.
export type JsonSchema = { [k: string]: unknown };

const OPENAPI_KEYS = new Set([
  '$ref', 'title', 'description', 'type', 'format', 'default', 'nullable', 'enum', 'example', 'deprecated',
  'readOnly', 'writeOnly', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties',
  'required', 'properties', 'additionalProperties', 'items', 'allOf', 'oneOf', 'anyOf', 'not',
]);

const INT32 = [-2147483648, 2147483647];
const SAFE_INT = [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];

function isObject(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Cleans one schema node (recursively). `refName` maps a zod `$ref` target to the component name it
 * should point at (zod writes "#/definitions/<id>"); return undefined to keep the ref as written.
 */
export function sanitizeSchema(node: unknown, refName: (ref: string) => string | undefined): JsonSchema {
  if (!isObject(node)) return {};
  const src: JsonSchema = { ...node };

  // IntOrString / Quantity: the structural form CRDs use, which kubectl's schema walkers understand.
  if (src['x-kubernetes-int-or-string'] === true) {
    delete src.type;
    delete src.oneOf;
    delete src.format;
    src.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if ('const' in src) src.enum = [src.const];
  if (Array.isArray(src.examples) && src.examples.length && !('example' in src)) src.example = src.examples[0];
  if (Array.isArray(src.type)) typeArray(src);
  if (typeof src.exclusiveMinimum === 'number') Object.assign(src, { minimum: src.exclusiveMinimum, exclusiveMinimum: true });
  if (typeof src.exclusiveMaximum === 'number') Object.assign(src, { maximum: src.exclusiveMaximum, exclusiveMaximum: true });
  if (src.type === 'integer') integerBounds(src);

  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(src)) {
    if (key.startsWith('x-')) out[key] = value;
    else if (!OPENAPI_KEYS.has(key)) continue;
    else if (key === '$ref') out.$ref = typeof value === 'string' ? (refName(value) ?? value) : value;
    else if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitizeSchema(v, refName)]));
    } else if (key === 'additionalProperties') {
      // The apiserver never says `false` (unknown fields are the server's fieldValidation concern).
      if (isObject(value)) out.additionalProperties = sanitizeSchema(value, refName);
      else if (value === true) out.additionalProperties = true;
    } else if (key === 'items') {
      // OpenAPI 3.0 has no tuples: one schema for every item.
      out.items = Array.isArray(value) ? {} : sanitizeSchema(value, refName);
    } else if (key === 'not') out.not = sanitizeSchema(value, refName);
    else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      if (Array.isArray(value)) out[key] = value.map((v) => sanitizeSchema(v, refName));
    } else out[key] = value;
  }
  collapseSameTypeUnion(out);
  // OpenAPI 3.0 ignores siblings of $ref; upstream wraps the ref in allOf so a description can sit beside it.
  if (typeof out.$ref === 'string' && Object.keys(out).length > 1) {
    const ref = out.$ref;
    delete out.$ref;
    out.allOf = [{ $ref: ref }, ...((out.allOf as unknown[]) ?? [])];
  }
  return out;
}

/** `type: ['string', 'null']` is JSON Schema only: use `nullable`, and anyOf for several real types. */
function typeArray(src: JsonSchema): void {
  const types = (src.type as unknown[]).filter((t): t is string => typeof t === 'string');
  const real = types.filter((t) => t !== 'null');
  if (real.length < types.length) src.nullable = true;
  delete src.type;
  if (real.length === 1) src.type = real[0];
  else if (real.length > 1) src.anyOf = real.map((type) => ({ type }));
}

/** zod spells int32/int64 as bounds; the apiserver spells them as formats. */
function integerBounds(src: JsonSchema): void {
  const same = (b: number[]) => src.minimum === b[0] && src.maximum === b[1];
  if (same(INT32)) {
    src.format ??= 'int32';
  } else if (!same(SAFE_INT)) return;
  delete src.minimum;
  delete src.maximum;
}

/** anyOf whose branches all say only the same `type` says just that type. */
function collapseSameTypeUnion(out: JsonSchema): void {
  const branches = out.anyOf;
  if (!Array.isArray(branches) || !branches.length || out.type !== undefined) return;
  const first = (branches[0] as JsonSchema).type;
  const simple = branches.every((b) => isObject(b) && Object.keys(b).length === 1 && b.type === first);
  if (simple && typeof first === 'string') {
    delete out.anyOf;
    out.type = first;
  }
}
