// Server-side apply: PATCH with application/apply-patch+yaml. The applied configuration is merged
// into the live object (or creates it), with field ownership and conflicts from managedFields.
import { parse as parseYaml } from 'yaml';
import { serverSideApply } from '../../../kube/apply';
import { apiVersionOf, type KObject } from '../../../kube/registry/types';
import { badRequest, invalid } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { readBodyText } from '../request/body';
import { scanJson } from '../request/json-scan';
import { decodeIncoming } from './admit';
import { jsonResponse, nowTimestamp } from './common';
import { guaranteedUpdate } from './guaranteed-update';

export async function handleApply(ctx: ResourceCtx, part: 'main' | 'status'): Promise<Response> {
  const name = ctx.req.name!;
  const manager = ctx.query.get('fieldManager');
  if (!manager) {
    throw invalid('PatchOptions', 'meta.k8s.io', '', [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }]);
  }
  const force = ctx.query.get('force') === 'true';
  const config = parseConfig(await readBodyText(ctx.request));
  const configName = (config.metadata as { name?: unknown } | undefined)?.name;
  if (configName !== undefined && configName !== name) throw badRequest(`the name of the object (${String(configName)}) does not match the name on the URL (${name})`);
  const opts = { manager, force, time: nowTimestamp(), schema: ctx.def.schema, apiVersion: apiVersionOf(ctx.def), subresource: part === 'status' ? 'status' : undefined };
  const wantRv = (config.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
  const { obj, created } = await guaranteedUpdate(ctx, {
    name,
    part,
    applied: true,
    mutate: (current) => {
      const result = serverSideApply(current, config, opts);
      const out = decodeIncoming(ctx, result.object as Record<string, unknown>, name);
      // The applied configuration's resourceVersion is a precondition, not a field to merge.
      if (wantRv) out.obj.metadata.resourceVersion = wantRv;
      else delete out.obj.metadata.resourceVersion;
      return out;
    },
    createIfMissing:
      part === 'main'
        ? () => {
            const result = serverSideApply(undefined, { ...config, metadata: { ...(config.metadata as object), resourceVersion: undefined } }, opts);
            return decodeIncoming(ctx, result.object as Record<string, unknown>, name);
          }
        : undefined,
  });
  return jsonResponse(ctx, created ? 201 : 200, obj);
}

export function parseConfig(text: string): Record<string, unknown> {
  if (text.trimStart().startsWith('{')) scanJson(text);
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw badRequest(`error decoding YAML: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('the apply configuration must be an object');
  return value as KObject as Record<string, unknown>;
}
