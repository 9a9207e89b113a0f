// The registry including CustomResourceDefinitions, rebuilt only when the stored CRDs change.
import { sql } from 'drizzle-orm';
import { builtinResources } from '../../../kube/resources';
import { crdToResourceDefs } from '../../../kube/resources/apiextensions';
import type { ResourceDef } from '../../../kube/registry/types';
import type { Db } from '../store';
import { Registry, builtinRegistry } from '.';

const CRD_RESOURCE = 'apiextensions.k8s.io/customresourcedefinitions';
let cached: { key: string; registry: Registry } | undefined;

export async function currentRegistry(db: Db): Promise<Registry> {
  const stamp = await db.get<{ rv: number; n: number }>(
    sql`SELECT COALESCE(MAX(rv), 0) AS rv, COUNT(*) AS n FROM objects WHERE resource = ${CRD_RESOURCE}`,
  );
  const key = `${stamp?.rv ?? 0}/${stamp?.n ?? 0}`;
  if (cached?.key === key) return cached.registry;
  if (!stamp?.n) {
    cached = { key, registry: builtinRegistry };
    return builtinRegistry;
  }
  const rows = await db.all<{ body: string }>(sql`SELECT body FROM objects WHERE resource = ${CRD_RESOURCE}`);
  const custom: ResourceDef[] = [];
  for (const row of rows) {
    try {
      for (const def of crdToResourceDefs(JSON.parse(row.body))) {
        if (!builtinRegistry.find(def.group, def.version, def.plural)) custom.push(def);
      }
    } catch (err) {
      console.error(JSON.stringify({ msg: 'skipping unservable CRD', err: String(err) }));
    }
  }
  cached = { key, registry: new Registry([...builtinResources, ...custom]) };
  return cached.registry;
}
