// Deleting a namespace: its objects are deleted, then the `kubernetes` finalizer is removed and the
// namespace goes away. Upstream this is the namespace controller's job; it runs here, after the
// response, until the controller-manager takes it over (docs/decisions.md).
import { sql } from 'drizzle-orm';
import { StatusError } from '../../../kube/status';
import type { ResourceCtx } from '../context';
import { currentRegistry } from '../registry/current';
import { storageResource } from '../registry';
import { deleteOne } from './delete';
import { guaranteedUpdate } from './guaranteed-update';

export async function cleanUpNamespace(ctx: ResourceCtx, namespace: string): Promise<void> {
  const registry = await currentRegistry(ctx.db);
  const byStorage = new Map(registry.defs.filter((d) => d.namespaced).map((d) => [storageResource(d), d]));
  const rows = await ctx.db.all<{ resource: string; name: string }>(sql`SELECT resource, name FROM objects WHERE namespace = ${namespace}`);
  for (const row of rows) {
    const def = byStorage.get(row.resource);
    if (!def) continue;
    const sub: ResourceCtx = { ...ctx, def, req: { ...ctx.req, group: def.group, version: def.version, resource: def.plural, namespace, name: row.name, verb: 'delete' }, warnings: [] };
    try {
      await deleteOne(sub, row.name, { propagationPolicy: 'Background' }, namespace);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
  }
  const left = await ctx.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM objects WHERE namespace = ${namespace}`);
  if ((left?.n ?? 0) > 0) return; // objects with finalizers still pending; a later delete retries
  const nsCtx: ResourceCtx = { ...ctx, req: { ...ctx.req, namespace: undefined, name: namespace }, query: new URLSearchParams(), warnings: [] };
  await guaranteedUpdate(nsCtx, {
    name: namespace,
    part: 'main',
    mutate: (ns) => {
      const spec = (ns.spec ?? {}) as { finalizers?: string[] };
      ns.spec = { ...spec, finalizers: (spec.finalizers ?? []).filter((f) => f !== 'kubernetes') };
      delete ns.metadata.resourceVersion;
      return { obj: ns, required: [] };
    },
  }).catch((e) => {
    if (!(e instanceof StatusError)) throw e;
  });
}
