// Cross-checks our strict schemas against the field lists of the official TypeScript client's models,
// so a field that real Kubernetes accepts can never be rejected as unknown under Strict validation.
import { describe, it, expect } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { z as zod, type z } from 'zod';
import { resources, binding } from './index';

type Attr = { name: string; baseName: string; type: string };
const models = k8s as unknown as Record<string, { attributeTypeMap?: Attr[] } | undefined>;

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  catchall?: z.ZodType;
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(s: z.ZodType): z.ZodType {
  let d = defOf(s);
  while (d.type === 'optional' || d.type === 'nullable' || d.type === 'default') {
    s = d.innerType as z.ZodType;
    d = defOf(s);
  }
  return s;
}

/** Lists "path: field" for every client model field our schema would reject. */
function missing(schema: z.ZodType, model: string, path: string, seen: Set<string>, out: string[]) {
  const s = unwrap(schema);
  const d = defOf(s);
  if (d.type === 'array') return missing(d.element as z.ZodType, model, path, seen, out);
  if (d.type !== 'object' || !d.shape) return; // records and scalars accept anything of their type
  if (defOf(d.catchall ?? (s as z.ZodType)).type !== 'never') return; // loose object
  const key = `${model}@${path}`;
  if (seen.has(key)) return;
  seen.add(key);
  const attrs = models[model]?.attributeTypeMap;
  if (!attrs) return;
  for (const a of attrs) {
    const field = d.shape[a.baseName];
    if (!field) {
      out.push(`${path}.${a.baseName} (${model})`);
      continue;
    }
    const child = /(?:Core)?V1[A-Za-z0-9]+/.exec(a.type)?.[0];
    if (child) missing(field, child, `${path}.${a.baseName}`, seen, out);
  }
}

const modelOf: Record<string, string> = { Event: 'CoreV1Event' };

describe('schemas accept every upstream field', () => {
  for (const def of resources) {
    it(`${def.kind}`, () => {
      const out: string[] = [];
      missing(def.schema, modelOf[def.kind] ?? `V1${def.kind}`, def.kind, new Set(), out);
      expect(out).toEqual([]);
    });
  }
  it('notices a missing field (self-check)', () => {
    const out: string[] = [];
    missing(zod.strictObject({ metadata: zod.strictObject({ name: zod.string() }) }), 'V1Pod', 'Pod', new Set(), out);
    expect(out).toContain('Pod.spec (V1Pod)');
    expect(out).toContain('Pod.metadata.labels (V1ObjectMeta)');
  });
  it('Binding', () => {
    const out: string[] = [];
    missing(binding, 'V1Binding', 'Binding', new Set(), out);
    expect(out).toEqual([]);
  });
});
