// Kinds whose objects hold cluster-wide unique values: Services' cluster IPs and node ports, Nodes' pod ranges.
import { sql } from 'drizzle-orm';
import type { KObject, ResourceDef } from '../../../kube/registry/types';
import type { StatusError } from '../../../kube/status';
import type { Env } from '../env';
import { type Allocation, type Db, type ObjectKey } from '../store';
import { ownerOf } from '../store/allocations';
import { assignNodeRange, clusterCidr, nodeAllocations, nodeRangeTaken } from './node';
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
  if (def.group === '' && def.kind === 'Node') return nodeAllocator(env);
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

function nodeAllocator(env: Env): Allocator {
  const cidr = clusterCidr(env.CLUSTER_CIDR || undefined);
  // After a collision the ranges in use are read once, so the retry picks a free one (or none when all are taken).
  let taken: Set<string> | undefined;
  return {
    assign: (obj, old) => assignNodeRange(obj, cidr, old, taken),
    holds: (obj) => nodeAllocations(obj, cidr),
    async conflict(db, key, obj, explicit) {
      const [a] = nodeAllocations(obj, cidr);
      if (!a || !explicit.has(`${a.kind}/${a.value}`)) {
        const rows = await db.all<{ value: string }>(sql`SELECT value FROM allocations WHERE kind = 'pod-cidr'`);
        taken = new Set(rows.map((r) => r.value));
        return undefined;
      }
      const row = await db.get<{ owner: string }>(sql`SELECT owner FROM allocations WHERE kind = ${a.kind} AND value = ${a.value}`);
      return row && row.owner !== ownerOf(key) ? nodeRangeTaken(obj, new Set([`${a.kind}/${a.value}`])) : undefined;
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
  const node = obj.spec as { podCIDR?: string; podCIDRs?: string[] } | undefined;
  if (obj.kind === 'Node' && node?.podCIDR && !explicit.has(`pod-cidr/${node.podCIDR}`)) {
    delete node.podCIDR;
    delete node.podCIDRs;
  }
}
