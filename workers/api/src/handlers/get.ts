import { notFound } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { getObject } from '../store';
import { keyOf, rawJsonResponse } from './common';

export async function handleGet(ctx: ResourceCtx): Promise<Response> {
  const { def, req } = ctx;
  const row = await getObject(ctx.db, keyOf(def, req.namespace, req.name!));
  if (!row) throw notFound({ resource: def.plural, group: def.group }, req.name!);
  return rawJsonResponse(ctx, 200, row.json);
}
