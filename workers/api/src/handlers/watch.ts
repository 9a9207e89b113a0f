import { apiVersionOf } from '../../../kube/registry/types';
import type { ResourceCtx } from '../context';
import { storageResource } from '../registry';
import { encodeWatchParams, watchParamsFromQuery } from '../watch/params';
import { selectorsOf } from './selectors';
import { tableRequested } from '../request/table';

/** Validates the watch request here (400s come before the stream opens), then hands it to the channel. */
export async function handleWatch(ctx: ResourceCtx): Promise<Response> {
  const { def } = ctx;
  const sel = selectorsOf(def, ctx.query);
  const resource = storageResource(def);
  let namespace = ctx.req.namespace;
  if (sel.namespace !== undefined && def.namespaced && namespace === undefined) namespace = sel.namespace;
  const params = watchParamsFromQuery(ctx.query, { resource, kind: def.kind, apiVersion: apiVersionOf(def), namespace });
  const table = tableRequested(ctx.request.headers.get('accept'), ctx.query);
  if (table) params.table = table;
  const ns = ctx.env.WATCH;
  const stub = ns.get(ns.idFromName(resource));
  return stub.fetch(encodeWatchParams(params));
}
