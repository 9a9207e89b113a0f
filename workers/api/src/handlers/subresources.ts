// Subresources: status, scale, pods/binding, pods/eviction, namespaces/finalize.
import { applyMergePatch, applyJsonPatch, patchTypeOf } from '../../../kube/patch';
import type { KObject, ScaleDef } from '../../../kube/registry/types';
import { StatusError, badRequest, conflict, invalid, methodNotAllowed, notFound, unsupportedMediaType } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { decodeJson, mediaType, readBodyText, readObjectBody } from '../request/body';
import { getObject } from '../store';
import { jsonResponse, keyOf, parseRow, rawJsonResponse } from './common';
import { handleEviction } from './eviction';
import { handleTokenRequest } from '../auth/serviceaccount/token-request';
import { handleGet } from './get';
import { POD_STREAMS, handlePodStream } from './pod-streams';
import { guaranteedUpdate } from './guaranteed-update';
import { handlePatch } from './patch';
import { handleUpdate } from './update';
import { assignPod, bindingTarget, type BindingInput } from './binding/assign';
import { formatLabelSelector, selectorFromLabelSelector } from '../../../kube/selectors/labels';

export async function handleSubresource(ctx: ResourceCtx): Promise<Response> {
  const { def, req } = ctx;
  const sub = req.subresource!;
  if (sub === 'status' && def.status) {
    if (req.verb === 'get') return handleGet(ctx);
    if (req.verb === 'update') return handleUpdate(ctx, 'status');
    if (req.verb === 'patch') return handlePatch(ctx, 'status');
    throw methodNotAllowed();
  }
  if (sub === 'scale' && def.scale) return handleScale(ctx, def.scale);
  if (sub === 'binding' && def.kind === 'Pod' && req.verb === 'create') return handleBinding(ctx);
  if (sub === 'eviction' && def.kind === 'Pod' && req.verb === 'create') return handleEviction(ctx);
  if (def.kind === 'Pod' && POD_STREAMS.has(sub)) return handlePodStream(ctx);
  if (sub === 'finalize' && def.kind === 'Namespace' && req.verb === 'update') return handleFinalize(ctx);
  if (sub === 'token' && def.group === '' && def.kind === 'ServiceAccount' && req.verb === 'create') return handleTokenRequest(ctx);
  if (def.subresources?.includes(sub)) {
    throw new StatusError(501, 'NotImplemented', `${def.plural}/${sub} is not served yet`);
  }
  throw notFound({ resource: `${def.plural}/${sub}`, group: def.group }, req.name ?? '');
}

function readPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const p of path.replace(/^\./, '').split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function writePath(obj: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.replace(/^\./, '').split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (typeof cur[p] !== 'object' || cur[p] === null) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

function toScale(obj: KObject, s: ScaleDef) {
  const sel = readPath(obj, '.spec.selector');
  let selector = '';
  if (typeof sel === 'object' && sel !== null) {
    try {
      selector = formatLabelSelector(selectorFromLabelSelector(sel as never));
    } catch {
      selector = '';
    }
  }
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: Number(readPath(obj, s.specReplicasPath) ?? 0) },
    status: { replicas: Number(readPath(obj, s.statusReplicasPath) ?? 0), ...(selector ? { selector } : {}) },
  };
}

async function handleScale(ctx: ResourceCtx, s: ScaleDef): Promise<Response> {
  const { def, req } = ctx;
  if (req.verb === 'get') {
    const row = await getObject(ctx.db, keyOf(def, req.namespace, req.name!));
    if (!row) throw notFound({ resource: def.plural, group: def.group }, req.name!);
    return jsonResponse(ctx, 200, toScale(parseRow(row), s));
  }
  if (req.verb !== 'update' && req.verb !== 'patch') throw methodNotAllowed();
  let scaleInput: Record<string, unknown> | undefined;
  let patch: unknown;
  let type: string | undefined;
  if (req.verb === 'update') scaleInput = await readObjectBody(ctx.request);
  else {
    type = patchTypeOf(mediaType(ctx.request));
    if (!type || type === 'application/apply-patch+yaml') throw unsupportedMediaType(mediaType(ctx.request));
    patch = decodeJson(await readBodyText(ctx.request));
  }
  const { obj } = await guaranteedUpdate(ctx, {
    name: req.name!,
    part: 'main',
    mutate: (current) => {
      const scale = toScale(current, s) as Record<string, unknown>;
      const next = scaleInput ?? (type === 'application/json-patch+json' ? applyJsonPatch(scale, patch as never) : applyMergePatch(scale, patch));
      const replicas = (next as { spec?: { replicas?: unknown } }).spec?.replicas;
      if (typeof replicas !== 'number' || !Number.isInteger(replicas)) throw badRequest('Scale.spec.replicas must be an integer');
      if (replicas < 0) {
        throw invalid('Scale', 'autoscaling', req.name!, [{ reason: 'FieldValueInvalid', message: `Invalid value: ${replicas}: must be greater than or equal to 0`, field: 'spec.replicas' }]);
      }
      const rv = (next as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
      if (scaleInput && rv && rv !== current.metadata.resourceVersion) throw conflict({ resource: def.plural, group: def.group }, req.name!);
      writePath(current as Record<string, unknown>, s.specReplicasPath, replicas);
      delete current.metadata.resourceVersion;
      return { obj: current, required: [] };
    },
  });
  return jsonResponse(ctx, 200, toScale(obj, s));
}

async function handleBinding(ctx: ResourceCtx): Promise<Response> {
  const body = (await readObjectBody(ctx.request)) as BindingInput;
  const podName = ctx.req.name!;
  const node = bindingTarget(body, podName);
  const uid = typeof body.metadata?.uid === 'string' && body.metadata.uid ? body.metadata.uid : undefined;
  await guaranteedUpdate(ctx, {
    name: podName,
    part: 'all',
    systemWrite: true,
    // Upstream writes the pod straight to storage: a binding leaves the pod's managedFields alone.
    applied: true,
    mutate: (pod) => {
      // The Binding's uid is a precondition (upstream's assignPod), so a binding meant for a deleted and recreated pod fails.
      if (uid && uid !== pod.metadata.uid) {
        throw conflict({ resource: 'pods', group: '' }, podName, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${pod.metadata.uid}`);
      }
      return { obj: assignPod(pod, podName, node), required: [] };
    },
  });
  return successStatus(ctx, 201);
}

async function handleFinalize(ctx: ResourceCtx): Promise<Response> {
  const input = (await readObjectBody(ctx.request)) as { spec?: { finalizers?: unknown } };
  const finalizers = input.spec?.finalizers ?? [];
  if (!Array.isArray(finalizers) || finalizers.some((f) => typeof f !== 'string')) throw badRequest('spec.finalizers must be a list of strings');
  const { obj } = await guaranteedUpdate(ctx, {
    name: ctx.req.name!,
    part: 'main',
    mutate: (ns) => {
      ns.spec = { ...((ns.spec as object) ?? {}), finalizers };
      delete ns.metadata.resourceVersion;
      return { obj: ns, required: [] };
    },
  });
  return jsonResponse(ctx, 200, obj);
}

function successStatus(ctx: ResourceCtx, code: number): Response {
  return rawJsonResponse(ctx, code, JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code }));
}
