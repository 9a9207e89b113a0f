// Test helpers: walk a document the way kubectl's parsers would.
import type { OpenApiDocument } from './shell';

/** Every `$ref` string anywhere in `node`, with its JSON path. */
export function refsIn(node: unknown, path = '$', out: { path: string; ref: string }[] = []): { path: string; ref: string }[] {
  if (Array.isArray(node)) node.forEach((v, i) => refsIn(v, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push({ path, ref: v });
      else refsIn(v, `${path}.${k}`, out);
    }
  }
  return out;
}

/** Refs that do not name an existing components.schemas entry. */
export function danglingRefs(doc: OpenApiDocument): string[] {
  return refsIn(doc)
    .filter(({ ref }) => {
      const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
      return !m || !(m[1].replace(/~1/g, '/').replace(/~0/g, '~') in doc.components.schemas);
    })
    .map(({ path, ref }) => `${path} → ${ref}`);
}

/** Every schema object nested in components.schemas (properties, items, allOf, ...), with its path. */
export function schemaNodes(doc: OpenApiDocument): { path: string; node: Record<string, unknown> }[] {
  const out: { path: string; node: Record<string, unknown> }[] = [];
  const visit = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const n = node as Record<string, unknown>;
    out.push({ path, node: n });
    for (const [k, v] of Object.entries((n.properties as Record<string, unknown>) ?? {})) visit(v, `${path}.properties.${k}`);
    for (const key of ['items', 'additionalProperties', 'not']) visit(n[key], `${path}.${key}`);
    for (const key of ['allOf', 'anyOf', 'oneOf']) (Array.isArray(n[key]) ? (n[key] as unknown[]) : []).forEach((v, i) => visit(v, `${path}.${key}[${i}]`));
  };
  for (const [name, schema] of Object.entries(doc.components.schemas)) visit(schema, name);
  return out;
}

export type Op = Record<string, any>;

/** [path, method, operation] for every operation of the document. */
export function operations(doc: OpenApiDocument): [string, string, Op][] {
  return Object.entries(doc.paths).flatMap(([p, item]) => Object.entries(item).map(([m, op]) => [p, m, op as Op] as [string, string, Op]));
}
