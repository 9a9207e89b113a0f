import { matchesFields } from '../../../kube/selectors/fields';
import { matchesLabels } from '../../../kube/selectors/labels';
import { apiVersionOf, type KObject } from '../../../kube/registry/types';
import { StatusError } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { storageResource } from '../registry';
import { listObjects } from '../store';
import { jsonResponse } from './common';
import { deleteOne, readDeleteOptions } from './delete';
import { rowFields, selectorsOf } from './selectors';

/** Deletes every object that matches the selectors, one by one through the same delete path. */
export async function handleDeleteCollection(ctx: ResourceCtx): Promise<Response> {
  const { def } = ctx;
  const sel = selectorsOf(def, ctx.query);
  const opts = await readDeleteOptions(ctx);
  const res = await listObjects(ctx.db, { resource: storageResource(def), namespace: ctx.req.namespace, nodeName: sel.nodeName });
  const deleted: KObject[] = [];
  for (const row of res.rows) {
    if (!matchesLabels(sel.labels, JSON.parse(row.labels))) continue;
    if (!matchesFields(sel.fields, rowFields(row.fields, row.namespace, row.name))) continue;
    try {
      deleted.push(await deleteOne(ctx, row.name, opts, row.namespace || undefined));
    } catch (e) {
      if (e instanceof StatusError && e.code === 404) continue;
      throw e;
    }
  }
  return jsonResponse(ctx, 200, { kind: def.listKind ?? `${def.kind}List`, apiVersion: apiVersionOf(def), metadata: { resourceVersion: String(res.revision) }, items: deleted });
}
