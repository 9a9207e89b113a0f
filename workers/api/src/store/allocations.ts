// SQL for allocation rows, appended to an object's write batch. Guards repeat the write's own
// compare-and-swap condition, so allocations change only when the object write does.
import { sql, type SQL } from 'drizzle-orm';
import type { ObjectKey } from './types';

export interface Allocation {
  kind: 'service-ip' | 'node-port' | 'pod-cidr';
  value: string;
}

export interface AllocationChange {
  add: Allocation[];
  remove: Allocation[];
}

export const ownerOf = (key: ObjectKey) => `${key.resource}/${key.namespace}/${key.name}`;

/** Statements for a create (no guard: a failed object insert aborts the whole batch). */
export function allocationInserts(key: ObjectKey, add: Allocation[], guard?: SQL): SQL[] {
  const owner = ownerOf(key);
  return add.map((a) =>
    guard
      ? sql`INSERT INTO allocations (kind, value, owner) SELECT ${a.kind}, ${a.value}, ${owner} WHERE ${guard}`
      : sql`INSERT INTO allocations (kind, value, owner) VALUES (${a.kind}, ${a.value}, ${owner})`,
  );
}

export function allocationDeletes(key: ObjectKey, remove: Allocation[], guard: SQL): SQL[] {
  const owner = ownerOf(key);
  return remove.map((a) => sql`DELETE FROM allocations WHERE kind = ${a.kind} AND value = ${a.value} AND owner = ${owner} AND ${guard}`);
}

export function releaseAll(key: ObjectKey, guard: SQL): SQL {
  return sql`DELETE FROM allocations WHERE owner = ${ownerOf(key)} AND ${guard}`;
}

/** The UNIQUE violation of an allocation (as opposed to the object key). */
export function isAllocationConflict(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (String((e as Error).message ?? e).includes('UNIQUE constraint failed: allocations')) return true;
  }
  return false;
}
