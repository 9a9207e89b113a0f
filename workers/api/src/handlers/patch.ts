import { applyJsonPatch, applyMergePatch, patchTypeOf } from '../../../kube/patch';
import { applyStrategicMergePatch } from '../../../kube/patch/strategic';
import type { KObject } from '../../../kube/registry/types';
import { StatusError, badRequest, invalid, unsupportedMediaType } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { decodeJson, mediaType, readBodyText } from '../request/body';
import { decodeIncoming } from './admit';
import { handleApply } from './apply';
import { jsonResponse } from './common';
import { guaranteedUpdate } from './guaranteed-update';

export async function handlePatch(ctx: ResourceCtx, part: 'main' | 'status' = 'main'): Promise<Response> {
  const name = ctx.req.name!;
  const type = patchTypeOf(mediaType(ctx.request));
  if (!type) throw unsupportedMediaType(mediaType(ctx.request));
  if (type === 'application/apply-patch+yaml') return handleApply(ctx, part === 'status' ? 'status' : 'main');
  if (ctx.query.has('force')) {
    throw invalid('PatchOptions', 'meta.k8s.io', '', [{ reason: 'FieldValueForbidden', message: 'Forbidden: may not be specified for non-apply patch', field: 'force' }]);
  }
  const patch = decodeJson(await readBodyText(ctx.request));
  if (type === 'application/json-patch+json' ? !Array.isArray(patch) : typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw badRequest(`the body of the request was not a valid ${type === 'application/json-patch+json' ? 'JSON patch (an array of operations)' : 'patch (a JSON object)'}`);
  }
  const { obj } = await guaranteedUpdate(ctx, {
    name,
    part,
    retryOnConflict: !pinsResourceVersion(type, patch),
    mutate: (current) => {
      const patched = applyPatch(ctx, type, current, patch) as Record<string, unknown>;
      if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) throw badRequest('the patch produced something that is not an object');
      try {
        return decodeIncoming(ctx, patched, name);
      } catch (e) {
        // A patch that produces a wrongly typed object is an invalid patch (422), as upstream reports it.
        if (e instanceof StatusError && e.code === 400 && e.message.includes('cannot be handled as a') && !e.message.includes('strict decoding error')) {
          throw invalid(ctx.def.kind, ctx.def.group, name, [{ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(JSON.stringify(patch))}: ${e.message}`, field: 'patch' }]);
        }
        throw e;
      }
    },
  });
  return jsonResponse(ctx, 200, obj);
}

export function applyPatch(ctx: ResourceCtx, type: string, current: KObject, patch: unknown): unknown {
  switch (type) {
    case 'application/json-patch+json':
      return applyJsonPatch(current, patch as never);
    case 'application/merge-patch+json':
      return applyMergePatch(current, patch);
    case 'application/strategic-merge-patch+json':
      return applyStrategicMergePatch(current, patch, ctx.def.schema);
    default:
      throw unsupportedMediaType(type);
  }
}

/** Does the patch itself name a resourceVersion (a precondition the client asked for)? */
export function pinsResourceVersion(type: string, patch: unknown): boolean {
  if (type === 'application/json-patch+json') {
    return Array.isArray(patch) && patch.some((op) => typeof op === 'object' && op !== null && (op as { path?: unknown }).path === '/metadata/resourceVersion');
  }
  const rv = (patch as { metadata?: { resourceVersion?: unknown } } | null)?.metadata?.resourceVersion;
  return rv !== undefined && rv !== null;
}
