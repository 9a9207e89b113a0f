// A version served by conversion (ResourceDef.conversion), as the apiserver serves autoscaling/v1 next
// to the stored v2: every verb runs on the storage version (one store key, one validation, one watch),
// request bodies are decoded against this version's schema and converted in, and every object in a
// response (single, list, table row, watch event) is converted out. Patches apply to this version's
// representation of the current object, as upstream applies them to the version the client speaks.
import { serverSideApply } from '../../../kube/apply';
import { patchTypeOf } from '../../../kube/patch';
import { apiVersionOf, type KObject, type ResourceDef } from '../../../kube/registry/types';
import { StatusError, badRequest, invalid, methodNotAllowed, notFound, unsupportedMediaType } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { decodeJson, mediaType, readBodyText, readObjectBody } from '../request/body';
import { type Incoming, decodeIncoming } from './admit';
import { parseConfig } from './apply';
import { nowTimestamp, rawJsonResponse } from './common';
import { createNew } from './create';
import { handleDelete } from './delete';
import { handleDeleteCollection } from './deletecollection';
import { handleGet } from './get';
import { guaranteedUpdate } from './guaranteed-update';
import { handleList } from './list';
import { applyPatch, pinsResourceVersion } from './patch';
import { handleWatch } from './watch';

type Conversion = NonNullable<ResourceDef['conversion']>;

export async function handleConverted(ctx: ResourceCtx): Promise<Response> {
  const conv = ctx.def.conversion!;
  const storageDef = ctx.registry.find(ctx.def.group, conv.storageVersion, ctx.def.plural);
  if (!storageDef) throw new StatusError(500, 'InternalError', `${ctx.def.plural}: storage version ${conv.storageVersion} is not served`);
  const stored: ResourceCtx = { ...ctx, def: storageDef };
  const out = converter(ctx.def, storageDef, conv);
  const { req } = ctx;
  const sub = req.subresource;
  if (sub !== undefined && !(sub === 'status' && ctx.def.status)) throw notFound({ resource: `${ctx.def.plural}/${sub}`, group: ctx.def.group }, req.name ?? '');
  const part = sub === 'status' ? 'status' : 'main';
  switch (req.verb) {
    case 'get':
      return respond(await handleGet(stored), out);
    case 'list':
      if (sub) throw methodNotAllowed();
      return respond(await handleList(stored), out);
    case 'watch':
      if (sub) throw methodNotAllowed();
      return respondStream(await handleWatch(stored), out);
    case 'delete':
      if (sub) throw methodNotAllowed();
      return respond(await handleDelete(stored), out);
    case 'deletecollection':
      return respond(await handleDeleteCollection(stored), out);
    case 'create': {
      if (sub || req.name !== undefined) throw methodNotAllowed();
      const incoming = toStored(ctx, stored, conv, decodeIncoming(ctx, await readObjectBody(ctx.request)));
      return respond(json(ctx, 201, await createNew(stored, incoming.obj, incoming.required)), out);
    }
    case 'update': {
      const incoming = toStored(ctx, stored, conv, decodeIncoming(ctx, await readObjectBody(ctx.request), req.name));
      const { obj } = await guaranteedUpdate(stored, { name: req.name!, part, mutate: () => structuredClone(incoming) });
      return respond(json(ctx, 200, obj), out);
    }
    case 'patch':
      return respond(await patchConverted(ctx, stored, conv, part), out);
  }
  throw methodNotAllowed();
}

/** A decoded request object of the served version as the storage version's object, checked against its schema. */
function toStored(ctx: ResourceCtx, stored: ResourceCtx, conv: Conversion, incoming: Incoming, name?: string): Incoming {
  const again = decodeIncoming(stored, conv.toStorage(incoming.obj) as Record<string, unknown>, name ?? ctx.req.name);
  return { obj: again.obj, required: [...incoming.required, ...again.required] };
}

async function patchConverted(ctx: ResourceCtx, stored: ResourceCtx, conv: Conversion, part: 'main' | 'status'): Promise<Response> {
  const name = ctx.req.name!;
  const type = patchTypeOf(mediaType(ctx.request));
  if (!type) throw unsupportedMediaType(mediaType(ctx.request));
  if (type === 'application/apply-patch+yaml') return applyConverted(ctx, stored, conv, part);
  if (ctx.query.has('force')) {
    throw invalid('PatchOptions', 'meta.k8s.io', '', [{ reason: 'FieldValueForbidden', message: 'Forbidden: may not be specified for non-apply patch', field: 'force' }]);
  }
  const patch = decodeJson(await readBodyText(ctx.request));
  if (type === 'application/json-patch+json' ? !Array.isArray(patch) : typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw badRequest(`the body of the request was not a valid ${type === 'application/json-patch+json' ? 'JSON patch (an array of operations)' : 'patch (a JSON object)'}`);
  }
  const { obj } = await guaranteedUpdate(stored, {
    name,
    part,
    retryOnConflict: !pinsResourceVersion(type, patch),
    mutate: (current) => {
      const patched = applyPatch(ctx, type, conv.fromStorage(current), patch);
      if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) throw badRequest('the patch produced something that is not an object');
      return toStored(ctx, stored, conv, decodeIncoming(ctx, patched as Record<string, unknown>, name), name);
    },
  });
  return json(ctx, 200, obj);
}

/** Server-side apply in the served version: field ownership is computed on its representation. */
async function applyConverted(ctx: ResourceCtx, stored: ResourceCtx, conv: Conversion, part: 'main' | 'status'): Promise<Response> {
  const name = ctx.req.name!;
  const manager = ctx.query.get('fieldManager');
  if (!manager) {
    throw invalid('PatchOptions', 'meta.k8s.io', '', [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }]);
  }
  const config = parseConfig(await readBodyText(ctx.request));
  const configName = (config.metadata as { name?: unknown } | undefined)?.name;
  if (configName !== undefined && configName !== name) throw badRequest(`the name of the object (${String(configName)}) does not match the name on the URL (${name})`);
  const opts = { manager, force: ctx.query.get('force') === 'true', time: nowTimestamp(), schema: ctx.def.schema, apiVersion: apiVersionOf(ctx.def), subresource: part === 'status' ? 'status' : undefined };
  const wantRv = (config.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
  const { obj, created } = await guaranteedUpdate(stored, {
    name,
    part,
    applied: true,
    mutate: (current) => {
      const result = serverSideApply(conv.fromStorage(current), config, opts);
      const out = toStored(ctx, stored, conv, decodeIncoming(ctx, result.object as Record<string, unknown>, name), name);
      if (wantRv) out.obj.metadata.resourceVersion = wantRv;
      else delete out.obj.metadata.resourceVersion;
      return out;
    },
    createIfMissing:
      part === 'main'
        ? () => {
            const result = serverSideApply(undefined, { ...config, metadata: { ...(config.metadata as object), resourceVersion: undefined } }, opts);
            return toStored(ctx, stored, conv, decodeIncoming(ctx, result.object as Record<string, unknown>, name), name);
          }
        : undefined,
  });
  return json(ctx, created ? 201 : 200, obj);
}

function json(ctx: Pick<ResourceCtx, 'warnings'>, status: number, obj: unknown): Response {
  return rawJsonResponse(ctx, status, JSON.stringify(obj));
}

type Convert = (value: unknown) => unknown;

/** Converts whatever a handler answered with: an object, a list, a Table's row objects, a watch event. */
export function converter(served: ResourceDef, storage: ResourceDef, conv: Conversion): Convert {
  const from = apiVersionOf(storage);
  const to = apiVersionOf(served);
  const listKind = storage.listKind ?? `${storage.kind}List`;
  const convert: Convert = (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const o = value as Record<string, unknown>;
    if (o.kind === storage.kind && o.apiVersion === from) {
      // A BOOKMARK carries only type and metadata.
      if (Object.keys(o).every((k) => k === 'kind' || k === 'apiVersion' || k === 'metadata')) return { ...o, apiVersion: to };
      return conv.fromStorage(o as KObject);
    }
    if (o.kind === listKind && o.apiVersion === from && Array.isArray(o.items)) return { ...o, apiVersion: to, items: o.items.map(convert) };
    if (o.kind === 'Table' && Array.isArray(o.rows)) return { ...o, rows: o.rows.map((r: Record<string, unknown>) => (r && 'object' in r ? { ...r, object: convert(r.object) } : r)) };
    if (typeof o.type === 'string' && 'object' in o && !('kind' in o)) return { ...o, object: convert(o.object) };
    return o;
  };
  return convert;
}

/** The handler's response with its objects converted (headers, Warning ones included, kept). */
async function respond(res: Response, convert: Convert): Promise<Response> {
  if (!(res.headers.get('Content-Type') ?? '').includes('json')) return res;
  const body = convert(JSON.parse(await res.text()));
  return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
}

/** Watch streams are newline-delimited JSON: each complete line is converted on its way out. */
function respondStream(res: Response, convert: Convert): Response {
  if (!res.body) return res;
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  const line = (text: string) => {
    if (!text.trim()) return `${text}\n`;
    try {
      return `${JSON.stringify(convert(JSON.parse(text)))}\n`;
    } catch {
      return `${text}\n`;
    }
  };
  const body = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        pending += decoder.decode(chunk, { stream: true });
        let i: number;
        let out = '';
        while ((i = pending.indexOf('\n')) >= 0) {
          out += line(pending.slice(0, i));
          pending = pending.slice(i + 1);
        }
        if (out) controller.enqueue(encoder.encode(out));
      },
      flush(controller) {
        pending += decoder.decode();
        if (pending) controller.enqueue(encoder.encode(line(pending).replace(/\n$/, '')));
      },
    }),
  );
  return new Response(body, { status: res.status, headers: res.headers });
}
