// Strategic merge patch (`application/strategic-merge-patch+json`), driven by the patch metadata
// on zod schemas (see schemas/meta/primitives.ts: mapList, setList, atomicList).
import type { z } from 'zod';
import { deepClone, findProtoKey, isObject, jsonMerge } from './json';
import { forbiddenKey, notAnObject } from './errors';
import { describe } from './schema';
import { mergeMap } from './map';

export { describe as describePatchSchema, type PatchNode } from './schema';

/**
 * Applies a strategic merge patch to `original` and returns the patched document. Neither input is
 * modified. Throws StatusError (400/422) for malformed patches.
 */
export function applyStrategicMergePatch(original: unknown, patch: unknown, schema: z.core.$ZodType): unknown {
  // A JSON `null` patch decodes to an empty map upstream: nothing changes.
  if (patch === null || patch === undefined) return deepClone(original);
  if (!isObject(patch)) throw notAnObject(patch);
  const proto = findProtoKey(patch);
  if (proto !== undefined) throw forbiddenKey(proto);

  const node = describe(schema);
  const work = isObject(original) ? deepClone(original) : {};
  if (node.kind !== 'object' && node.kind !== 'record') return jsonMerge(work, patch);
  return mergeMap(work, patch, node, '');
}

/**
 * Whether `schema` is typed enough for a strategic merge. Upstream accepts strategic merge patches
 * only for built-in kinds and answers 415 for custom resources; a free-form schema (unknown, any,
 * a record of unknown) gets false so the server can refuse the same way.
 */
export function schemaSupportsStrategicMerge(schema: z.core.$ZodType): boolean {
  return describe(schema).kind === 'object';
}
