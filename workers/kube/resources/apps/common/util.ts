// Small helpers for writing workload schemas compactly (shared by apps, batch, autoscaling, policy).
import { z } from 'zod';

/** An optional field with a kubectl-explain description. */
export function opt<T extends z.ZodType>(schema: T, description?: string) {
  const o = schema.optional();
  return description ? o.meta({ description }) : o;
}

/** A required field with a description. */
export function req<T extends z.ZodType>(schema: T, description: string) {
  return schema.meta({ description });
}

/** An atomic list whose items strategic-merge by `key` (upstream's patchMergeKey without listType=map). */
export function atomicMergeList<T extends z.ZodType>(item: T, key: string, description?: string) {
  return z.array(item).meta({
    'x-kubernetes-patch-merge-key': key,
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-list-type': 'atomic',
    ...(description ? { description } : {}),
  });
}

export const appsId = (name: string) => `io.k8s.api.apps.v1.${name}`;
