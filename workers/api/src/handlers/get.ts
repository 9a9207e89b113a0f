import { notFound } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { getObject } from '../store';
import { tableFor } from '../../../kube/printers';
import { TABLE_CONTENT_TYPE, tableRequested } from '../request/table';
import { keyOf, parseRow, rawJsonResponse } from './common';

export async function handleGet(ctx: ResourceCtx): Promise<Response> {
  const { def, req } = ctx;
  const row = await getObject(ctx.db, keyOf(def, req.namespace, req.name!));
  if (!row) throw notFound({ resource: def.plural, group: def.group }, req.name!);
  const table = tableRequested(ctx.request.headers.get('accept'), ctx.query);
  if (table) {
    const t = tableFor(def, [parseRow(row)], { includeObject: table.includeObject, printerColumns: def.printerColumns });
    return rawJsonResponse(ctx, 200, JSON.stringify(t), TABLE_CONTENT_TYPE);
  }
  return rawJsonResponse(ctx, 200, row.json);
}
