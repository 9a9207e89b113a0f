import type { ResourceCtx } from '../context';
import { readObjectBody } from '../request/body';
import { decodeIncoming } from './admit';
import { jsonResponse } from './common';
import { guaranteedUpdate } from './guaranteed-update';

/** Kinds whose PUT creates a missing object, as upstream's AllowCreateOnUpdate. */
const CREATE_ON_UPDATE = new Set(['Event', 'Endpoints', 'Lease', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']);

export async function handleUpdate(ctx: ResourceCtx, part: 'main' | 'status' = 'main'): Promise<Response> {
  const name = ctx.req.name!;
  const input = await readObjectBody(ctx.request);
  const incoming = decodeIncoming(ctx, input, name);
  const { obj, created } = await guaranteedUpdate(ctx, {
    name,
    part,
    mutate: () => structuredClone(incoming),
    createIfMissing: part === 'main' && CREATE_ON_UPDATE.has(ctx.def.kind) ? () => incoming : undefined,
  });
  return jsonResponse(ctx, created ? 201 : 200, obj);
}
