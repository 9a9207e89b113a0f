// Kinds whose objects hold cluster-wide unique values (today: Services' cluster IPs and node ports).
import { sql } from 'drizzle-orm';
import type { KObject, ResourceDef } from '../../../kube/registry/types';
import type { StatusError } from '../../../kube/status';
import type { Env } from '../env';
import { type Allocation, type Db, type ObjectKey } from '../store';
import { ownerOf } from '../store/allocations';
import { alreadyAllocated, assignServiceAddresses, serviceAllocations, serviceCidr } from './service';

export interface Allocator {
  /** Fills in missing values (keeping the old object's); returns the keys the client asked for. */
  assign(obj: KObject, old?: KObject): Set<string>;
  /** The values an object holds. */
  holds(obj: KObject): Allocation[];
  /** After a write failed on an allocation: the 422 for an explicit value held elsewhere, or undefined to retry. */
  conflict(db: Db, key: ObjectKey, obj: KObject, explicit: Set<string>): Promise<StatusError | undefined>;
}

export function allocatorFor(env: Env, def: ResourceDef): Allocator | undefined {
  if (def.group !== '' || def.kind !== 'Service') return undefined;
  const cidr = serviceCidr(env.SERVICE_CIDR || undefined);
  return {
    assign: (obj, old) => assignServiceAddresses(obj, cidr, old).explicit,
    holds: serviceAllocations,
    async conflict(db, key, obj, explicit) {
      const wanted = serviceAllocations(obj).filter((a) => explicit.has(`${a.kind}/${a.value}`));
      if (!wanted.length) return undefined;
      const taken = new Set<string>();
      for (const a of wanted) {
        const row = await db.get<{ owner: string }>(sql`SELECT owner FROM allocations WHERE kind = ${a.kind} AND value = ${a.value}`);
        if (row && row.owner !== ownerOf(key)) taken.add(`${a.kind}/${a.value}`);
      }
      return alreadyAllocated(obj, taken);
    },
  };
}

/** Forgets values the server picked (not the client), so the next attempt picks new ones. */
export function stripUnrequested(obj: KObject, explicit: Set<string>) {
  const spec = (obj.spec ?? {}) as { clusterIP?: string; clusterIPs?: string[]; ports?: { nodePort?: number }[] };
  if (spec.clusterIP && !explicit.has(`service-ip/${spec.clusterIP}`)) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  for (const p of spec.ports ?? []) if (p.nodePort && !explicit.has(`node-port/${p.nodePort}`)) delete p.nodePort;
}
